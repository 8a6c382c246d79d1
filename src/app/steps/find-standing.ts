import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { isRunningCommand } from '../../domain/plan/node-commands.ts';
import { leftoverCommand } from '../../domain/plan/tracked-command.ts';
import type { NodeStanding } from '../../domain/rollout/rollout-event.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import type { StepOutcome } from '../step-outcome.ts';
import { ensureSession } from './execute-step.ts';
import { verifyChange } from './verify-change.ts';
import { messageOf } from '../../domain/message-of.ts';

/** How long a command left running by a dead run is waited for before it is stopped. */
export const LEFTOVER_WAIT_SECONDS = 600;

/**
 * Where a node really stands now, from the node itself: first whatever a dead run left working there
 * (waited for, or stopped), then whether Tomcat runs, whether it answers 200, and whether it shows
 * the change. Never from the stored events.
 */
export async function findStanding(ctx: NodeContext, deps: StepDeps, change: ChangeAction, leftoverWaitSeconds = LEFTOVER_WAIT_SECONDS): Promise<Result<NodeStanding, StepOutcome>> {
  const connected = await ensureSession(ctx, deps);
  if (!connected.ok) return err(connected);
  const leftover = await runChecked(ctx, leftoverCommand(ctx.paths, leftoverWaitSeconds), { timeoutMs: (leftoverWaitSeconds + 60) * 1000, idempotent: true }, 'looking for a command left running');
  if (!leftover.ok) return err(leftover.outcome);
  const left = leftover.result.stdout.trim();
  const session = ctx.session;
  if (session === undefined) return err({ ok: false, message: `not connected to ${ctx.spec.name}`, outputTail: '' });
  let running: boolean;
  try {
    running = (await session.run(isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true })).exitCode === 0;
  } catch (error) {
    return err({ ok: false, message: `could not tell whether ${ctx.spec.name} runs: ${messageOf(error)}`, outputTail: '' });
  }
  const answer = running ? await deps.healthProbe.check(ctx.spec.healthUrl, 10_000) : undefined;
  const healthy = answer?.ok === true && answer.status === 200;
  const verified = await verifyChange(ctx, change);
  const hasChange = verified.ok ? 'yes' : /not connected|could not|cannot/.test(verified.message) ? 'unknown' : 'no';
  const parts = [
    running ? (healthy ? 'running and healthy' : `running but not healthy (${answer === undefined ? 'no answer' : answer.ok ? `HTTP ${answer.status}` : answer.error})`) : 'stopped',
    hasChange === 'yes' ? 'has the change' : hasChange === 'no' ? 'does not have the change' : 'the change could not be checked',
    ...(left === 'none' ? [] : left.startsWith('stale') ? [] : [`a command of the earlier run was still working there: ${left}`]),
  ];
  return ok({ running, healthy, hasChange, detail: parts.join('; ') });
}
