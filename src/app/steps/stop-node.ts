import { CodedError } from '../../domain/coded-error.ts';
import { isRunningCommand } from '../../domain/plan/node-commands.ts';
import { rawShell } from '../../domain/shell/shell-command.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { messageOf } from '../../domain/message-of.ts';

/** How long the process may take to disappear once the force command has run. */
const GONE_AFTER_FORCE_SECONDS = 30;

async function isRunning(ctx: NodeContext): Promise<boolean | StepOutcome> {
  const session = ctx.session;
  if (session === undefined) return failed(`not connected to ${ctx.spec.name}`);
  try {
    const result = await session.run(isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true });
    return result.exitCode === 0;
  } catch (error) {
    return failed(`could not tell whether ${ctx.spec.name} runs: ${messageOf(error)}`);
  }
}

/** Polls until no Tomcat JVM of this home is left (true) or `deadlineMs` passes (false); checks at least once. */
async function waitGone(ctx: NodeContext, deps: StepDeps, deadlineMs: number): Promise<boolean | StepOutcome> {
  for (;;) {
    const running = await isRunning(ctx);
    if (running !== true) return running === false ? true : running;
    const left = deadlineMs - deps.clock.now().getTime();
    if (left <= 0) return false;
    await deps.clock.sleep(Math.min(deps.pollIntervalMs, 2000, left));
  }
}

/**
 * Runs the graceful stop command, given at most until the deadline. A command the executor kills
 * at the deadline (a hanging shutdown.sh) is not a failure by itself: whether the JVM is gone decides.
 */
async function runGraceful(ctx: NodeContext, deps: StepDeps, stop: string, deadlineMs: number): Promise<void> {
  const session = ctx.session;
  if (session === undefined) return;
  const timeoutMs = Math.max(1, deadlineMs - deps.clock.now().getTime());
  try {
    const result = await session.run(rawShell(stop), { timeoutMs });
    if (result.exitCode !== 0) deps.log.warn({ node: ctx.spec.name, exitCode: result.exitCode }, 'stop command failed; waiting, then forcing');
  } catch (error) {
    if (error instanceof CodedError && error.code === 'step_timeout') {
      deps.log.warn({ node: ctx.spec.name, timeoutMs }, 'stop command still running at the stop deadline; it was ended');
      return;
    }
    deps.log.warn({ node: ctx.spec.name, error: messageOf(error) }, 'stop command failed; waiting, then forcing');
  }
}

/**
 * Stops the node within `timeoutSeconds` counted from the moment the stop is issued: the graceful
 * command (cut off at that deadline if it hangs), a wait for the JVM to exit until the same deadline,
 * then the force command and a bounded wait until no Tomcat JVM of this home is left.
 * Already stopped is success (idempotent).
 */
export async function stopNode(ctx: NodeContext, deps: StepDeps, stop: string, force: string, timeoutSeconds: number): Promise<StepOutcome> {
  const running = await isRunning(ctx);
  if (typeof running !== 'boolean') return running;
  if (!running) return succeeded(`${ctx.spec.name} was not running`);
  const deadline = deps.clock.now().getTime() + timeoutSeconds * 1000;
  await runGraceful(ctx, deps, stop, deadline);
  const gone = await waitGone(ctx, deps, deadline);
  if (typeof gone !== 'boolean') return gone;
  if (gone) return succeeded(`${ctx.spec.name} stopped`);
  deps.log.warn({ node: ctx.spec.name, timeoutSeconds }, 'graceful stop timed out; forcing');
  const forced = await runChecked(ctx, rawShell(force), { timeoutMs: 60_000 }, 'the force-stop command');
  const goneAfterForce = await waitGone(ctx, deps, deps.clock.now().getTime() + GONE_AFTER_FORCE_SECONDS * 1000);
  if (goneAfterForce === true) return succeeded(`${ctx.spec.name} did not stop within ${timeoutSeconds} s: force-killed`);
  if (!forced.ok) return forced.outcome;
  if (typeof goneAfterForce !== 'boolean') return goneAfterForce;
  return failed(`${ctx.spec.name} is still running ${GONE_AFTER_FORCE_SECONDS} s after the force-stop command`, '', { command: force });
}
