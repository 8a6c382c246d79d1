import { fileSizeCommand, isRunningCommand, liferayLogCommand } from '../../domain/plan/node-commands.ts';
import { rawShell } from '../../domain/shell/shell-command.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';

/** Records where catalina.out and today's Liferay log end, then runs the start command. */
export async function startNode(ctx: NodeContext, start: string): Promise<StepOutcome> {
  const running = await runChecked(ctx, isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true }, 'checking for a running Tomcat');
  if (running.ok) {
    return failed(`${ctx.spec.name} is already running before the start step: someone else started it; check it by hand`, running.result.stdout, { command: isRunningCommand(ctx.paths).text });
  }
  const size = await runChecked(ctx, fileSizeCommand(ctx.paths.catalinaOut), { timeoutMs: 30_000, idempotent: true }, 'reading catalina.out size');
  if (!size.ok) return size.outcome;
  const log = await runChecked(ctx, liferayLogCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true }, 'finding the Liferay log');
  if (!log.ok) return log.outcome;
  ctx.catalinaOffset = Number.parseInt(size.result.stdout.trim(), 10) || 0;
  const [path = '', offset = '0'] = log.result.stdout.trim().split(' ');
  ctx.liferayLog = { path, offset: Number.parseInt(offset, 10) || 0 };
  const started = await runChecked(ctx, rawShell(start), { timeoutMs: 120_000 }, 'the start command');
  if (!started.ok) return started.outcome;
  return succeeded(`start command returned; following catalina.out from byte ${ctx.catalinaOffset}`);
}

/**
 * For a node that is already running (started by a run that is gone): the gates read its logs
 * from the beginning, since there is no start of ours to read from.
 */
export async function followFromBeginning(ctx: NodeContext): Promise<StepOutcome> {
  const log = await runChecked(ctx, liferayLogCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true }, 'finding the Liferay log');
  if (!log.ok) return log.outcome;
  const [path = ''] = log.result.stdout.trim().split(' ');
  ctx.catalinaOffset = 0;
  ctx.liferayLog = { path, offset: 0 };
  return succeeded();
}
