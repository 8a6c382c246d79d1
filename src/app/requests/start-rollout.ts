import type { RolloutRecord } from '../rollout-record.ts';
import type { RolloutResult } from '../run-rollout.ts';
import { startOwned, type StartOwnedDeps } from './run-owned.ts';

/**
 * Runs an approved request this process claimed at approval: status `running`, then the run (every
 * event stored, so the state survives a restart) until it succeeds or holds for a decision.
 */
export async function startRollout(record: RolloutRecord, deps: StartOwnedDeps): Promise<RolloutResult | undefined> {
  const running = deps.store.update(record.id, ['approved'], { status: 'running', updatedAt: deps.clock.now().toISOString() });
  if (running === undefined) return undefined;
  return startOwned(running, { mode: 'start', by: running.decidedBy ?? 'bot' }, deps);
}
