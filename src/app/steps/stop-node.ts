import { isRunningCommand } from '../../domain/plan/node-commands.ts';
import { rawShell } from '../../domain/shell/shell-command.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';

async function isRunning(ctx: NodeContext): Promise<boolean | StepOutcome> {
  const session = ctx.session;
  if (session === undefined) return failed(`not connected to ${ctx.spec.name}`);
  try {
    const result = await session.run(isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true });
    return result.exitCode === 0;
  } catch (error) {
    return failed(`could not tell whether ${ctx.spec.name} runs: ${(error as Error).message}`);
  }
}

async function waitGone(ctx: NodeContext, deps: StepDeps, seconds: number): Promise<boolean | StepOutcome> {
  const deadline = deps.clock.now().getTime() + seconds * 1000;
  for (;;) {
    const running = await isRunning(ctx);
    if (running !== true) return running === false ? true : running;
    if (deps.clock.now().getTime() >= deadline) return false;
    await deps.clock.sleep(Math.min(deps.pollIntervalMs, 2000));
  }
}

/**
 * Graceful stop, wait up to the time-out, then the force command, then confirm no Tomcat JVM of
 * this home is left. Already stopped is success (idempotent).
 */
export async function stopNode(ctx: NodeContext, deps: StepDeps, stop: string, force: string, timeoutSeconds: number): Promise<StepOutcome> {
  const running = await isRunning(ctx);
  if (typeof running !== 'boolean') return running;
  if (!running) return succeeded(`${ctx.spec.name} was not running`);
  const graceful = await runChecked(ctx, rawShell(stop), { timeoutMs: 120_000 }, 'the stop command');
  if (!graceful.ok) deps.log.warn({ node: ctx.spec.name }, 'stop command failed; waiting, then forcing');
  const gone = await waitGone(ctx, deps, timeoutSeconds);
  if (typeof gone !== 'boolean') return gone;
  if (gone) return succeeded(`${ctx.spec.name} stopped`);
  deps.log.warn({ node: ctx.spec.name, timeoutSeconds }, 'graceful stop timed out; forcing');
  const forced = await runChecked(ctx, rawShell(force), { timeoutMs: 60_000 }, 'the force-stop command');
  const goneAfterForce = await waitGone(ctx, deps, 30);
  if (goneAfterForce === true) return succeeded(`${ctx.spec.name} did not stop within ${timeoutSeconds} s and was killed`);
  if (!forced.ok) return forced.outcome;
  return failed(`${ctx.spec.name} is still running after the force-stop command`, '', { command: force });
}
