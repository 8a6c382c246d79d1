import { wayBack } from '../../domain/rollout/way-back.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import { runRollout, type RolloutResult } from '../run-rollout.ts';
import type { ServiceDeps } from './service-deps.ts';

/**
 * Runs an approved request: status `running`, every event stored (so the state survives a restart)
 * and handed to the notifier, then `succeeded` or `failed`.
 */
export async function startRollout(record: RolloutRecord, deps: ServiceDeps): Promise<RolloutResult | undefined> {
  const cluster = deps.clusters.get(record.cluster);
  const plan = record.plan;
  if (cluster === undefined || plan === undefined) return undefined;
  const running = deps.store.update(record.id, ['approved'], { status: 'running', updatedAt: deps.clock.now().toISOString() });
  if (running === undefined) return undefined;
  const backupDir = nodePaths(cluster.spec.nodes[0]?.liferayHome ?? '/', cluster.spec.tomcatDir, record.id).backup;
  if (record.channelId !== undefined && record.messageTs !== undefined) {
    deps.notifier.begin({
      rolloutId: record.id,
      channelId: record.channelId,
      messageTs: record.messageTs,
      plan,
      requestedBy: record.requestedBy,
      approvedBy: record.decidedBy,
      wayBack: wayBack(record.request, record.facts, backupDir),
    });
  }
  const onEvent = (event: RolloutEvent): void => {
    deps.store.appendEvent(record.id, event);
    deps.notifier.publish(record.id, event);
  };
  let result: RolloutResult;
  try {
    result = await runRollout({ rolloutId: record.id, plan, cluster: cluster.spec, targets: cluster.targets, expectedFacts: record.facts, onEvent }, deps);
  } catch (error) {
    const summary = `the rollout stopped on an internal error: ${(error as Error).message}. Check the nodes; the thread shows the last step`;
    deps.log.error({ rolloutId: record.id, err: error }, 'rollout crashed');
    onEvent({ type: 'RolloutDone', at: deps.clock.now().toISOString(), outcome: 'failed', durationMs: 0, summary });
    result = { outcome: 'failed', summary, durationMs: 0 };
  }
  const now = deps.clock.now().toISOString();
  deps.store.update(record.id, ['running'], { status: result.outcome, updatedAt: now });
  deps.store.audit({ at: now, rolloutId: record.id, actor: 'bot', action: `rollout ${result.outcome}`, detail: result.summary });
  deps.log.info({ rolloutId: record.id, outcome: result.outcome, durationMs: result.durationMs }, 'rollout finished');
  return result;
}
