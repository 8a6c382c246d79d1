import { replay, type RolloutState } from '../../domain/rollout/rollout-state.ts';
import type { RolloutRecord, RolloutStatus } from '../rollout-record.ts';
import type { RolloutStore } from '../ports.ts';

export interface ListedRequest {
  readonly record: RolloutRecord;
  readonly state: RolloutState | undefined;
}

const OPEN: readonly RolloutStatus[] = ['awaiting-confirmation', 'awaiting-approval', 'approved', 'running'];

/** `status`: what is open or running now; `history`: the latest requests with their outcome. */
export function listRequests(kind: 'status' | 'history', cluster: string | undefined, store: RolloutStore): ListedRequest[] {
  const records = store.list({ ...(cluster === undefined ? {} : { cluster }), ...(kind === 'status' ? { statuses: OPEN } : {}), limit: kind === 'status' ? 20 : 10 });
  return records.map((record) => ({
    record,
    state: record.status === 'running' || kind === 'history' ? replay(record.plan?.nodes ?? [], store.events(record.id)) : undefined,
  }));
}
