import { replay, type RolloutState } from '../../domain/rollout/rollout-state.ts';
import { LOCKING, type AuditEntry, type RolloutRecord, type RolloutStatus } from '../rollout-record.ts';
import type { RolloutStore } from '../ports.ts';

export interface ListedRequest {
  readonly record: RolloutRecord;
  readonly state: RolloutState | undefined;
  /** Who did what to it (requested, approved, paused, resumed, left as is...), oldest first. */
  readonly actions: readonly AuditEntry[];
  /** From the first rollout event to the last (or until now while it runs). */
  readonly durationMs: number | undefined;
}

/** Open (waiting for an answer or an approval), running, and held rollouts. */
const OPEN: readonly RolloutStatus[] = ['awaiting-confirmation', 'awaiting-approval', ...LOCKING];

/** `status`: what is open, running or held now; `history`: the latest requests with their outcome. */
export function listRequests(kind: 'status' | 'history', cluster: string | undefined, store: RolloutStore, now: Date = new Date()): ListedRequest[] {
  const records = store.list({ ...(cluster === undefined ? {} : { cluster }), ...(kind === 'status' ? { statuses: OPEN } : {}), limit: kind === 'status' ? 20 : 10 });
  return records.map((record) => {
    let events;
    let actions: AuditEntry[] = [];
    try {
      events = store.events(record.id);
      actions = store.auditTrail(record.id);
    } catch {
      events = undefined;
    }
    const state = events === undefined || events.length === 0 ? undefined : replay(record.plan?.nodes ?? [], events);
    const start = state?.startedAt === undefined ? undefined : Date.parse(state.startedAt);
    const end = state?.finishedAt === undefined ? (state?.status === 'running' ? now.getTime() : undefined) : Date.parse(state.finishedAt);
    return { record, state, actions, durationMs: start === undefined || end === undefined ? undefined : Math.max(0, end - start) };
  });
}
