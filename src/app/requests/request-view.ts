import type { RolloutRecord } from '../rollout-record.ts';
import type { ServiceDeps } from './service-deps.ts';

/** A stored request (or rollout) as a channel adapter needs it to check who clicked and to render it. */
export interface RequestView {
  readonly record: RolloutRecord;
  /** The user groups whose members may approve for the request's cluster (empty when it left the inventory). */
  readonly approverGroupIds: readonly string[];
  /** The cluster's approval time-to-live, when it sets one. */
  readonly approvalTtlMinutes: number | undefined;
}

/** What a view reads: the request and its cluster's approval settings. */
export type RequestViewDeps = Pick<ServiceDeps, 'store' | 'clusters'>;

/** The request `requestId` with its cluster's approval settings, or undefined when the store does not know it. */
export function requestView(requestId: string, deps: RequestViewDeps): RequestView | undefined {
  const record = deps.store.get(requestId);
  if (record === undefined) return undefined;
  const approval = deps.clusters.get(record.cluster)?.approval;
  return { record, approverGroupIds: approval?.approverGroupIds ?? [], approvalTtlMinutes: approval?.approvalTtlMinutes };
}
