import type { SkippedNode } from '../plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import type { Verdict } from './verdict.ts';

/** Every node already has the change: nothing to plan, one line saying so (nodes grouped by reason). */
export function alreadyDoneVerdict(request: MaintenanceRequest, skipped: readonly SkippedNode[]): Verdict {
  const byReason = new Map<string, string[]>();
  for (const { node, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), node]);
  const why = [...byReason].map(([reason, nodes]) => `${nodes.join(', ')}: ${reason}`).join('; ');
  return { type: 'error', rule: 'already-done', message: `already done on every node of ${request.cluster} (${why}): nothing to do`, request };
}
