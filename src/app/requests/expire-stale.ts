import { approvalExpired } from '../../domain/approval/approval-expired.ts';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../domain/approval/approval-policy.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import type { ServiceDeps } from './service-deps.ts';
import { text } from '../../domain/text/rich-text.ts';

/** What the expiry sweep reads: time, the waiting requests and their clusters' time-to-live. */
export type ExpireDeps = Pick<ServiceDeps, 'clock' | 'store' | 'clusters'>;

/**
 * Requests nobody decided within their cluster's approval time-to-live become `expired`, so their
 * message can say so (instead of keeping buttons that would only refuse). Returns what expired.
 */
export function expireStale(deps: ExpireDeps): RolloutRecord[] {
  const now = deps.clock.now();
  const out: RolloutRecord[] = [];
  for (const record of deps.store.list({ statuses: ['awaiting-approval', 'awaiting-confirmation'] })) {
    const ttl = deps.clusters.get(record.cluster)?.approval.approvalTtlMinutes ?? DEFAULT_APPROVAL_TTL_MINUTES;
    if (!approvalExpired(record.requestedAt, ttl, now)) continue;
    const expired = deps.store.update(record.id, ['awaiting-approval', 'awaiting-confirmation'], { status: 'expired', decisionNote: `not decided within ${ttl} min`, updatedAt: now.toISOString() });
    if (expired === undefined) continue;
    deps.store.audit({ at: now.toISOString(), rolloutId: record.id, actor: 'bot', action: 'expired', detail: text`not decided within ${ttl} min` });
    out.push(expired);
  }
  return out;
}
