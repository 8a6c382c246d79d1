import { replay } from '../../domain/rollout/rollout-state.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import type { ServiceDeps } from './service-deps.ts';

/**
 * At start-up: a rollout stored as running (or approved but not started) lost its process. Say so
 * where people look, with the node states its stored events prove, and mark it interrupted. Nothing
 * is re-run automatically: a human decides (the steps are idempotent, so asking again is safe).
 */
export function resumeInterrupted(deps: ServiceDeps): RolloutRecord[] {
  const stale = deps.store.list({ statuses: ['running', 'approved'] });
  const out: RolloutRecord[] = [];
  for (const record of stale) {
    const events = deps.store.events(record.id);
    const state = replay(record.plan?.nodes ?? [], events);
    const nodes = Object.entries(state.nodes)
      .map(([name, node]) => `${name}: ${node.status}${node.step === undefined ? '' : ` (${node.step})`}`)
      .join('; ');
    const summary =
      record.status === 'approved'
        ? 'the bot restarted after the approval but before the rollout began: no node was touched. Ask again to run it'
        : `the bot restarted while the rollout was running. Last known state: ${nodes}. Check the node that was in progress, then ask again (every step is safe to re-run)`;
    const at = deps.clock.now().toISOString();
    const event = { type: 'RolloutInterrupted' as const, at, summary };
    deps.store.appendEvent(record.id, event);
    const updated = deps.store.update(record.id, ['running', 'approved'], { status: 'interrupted', decisionNote: summary, updatedAt: at });
    deps.store.audit({ at, rolloutId: record.id, actor: 'bot', action: 'interrupted', detail: summary });
    deps.log.warn({ rolloutId: record.id, cluster: record.cluster }, 'rollout interrupted by a restart');
    if (record.plan !== undefined && record.channelId !== undefined && record.messageTs !== undefined) {
      deps.notifier.begin(
        { rolloutId: record.id, channelId: record.channelId, messageTs: record.messageTs, plan: record.plan, requestedBy: record.requestedBy, approvedBy: record.decidedBy, wayBack: undefined },
        events,
      );
      deps.notifier.publish(record.id, event);
    }
    if (updated !== undefined) out.push(updated);
  }
  return out;
}
