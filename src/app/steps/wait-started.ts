import { parseStartupLine } from '../../domain/liferay/startup-line.ts';
import { isRunningCommand } from '../../domain/plan/node-commands.ts';
import { sh } from '../../domain/shell/shell-command.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { followLog } from './follow-log.ts';

/** Waits for the startup line written after this start (catalina.out followed from the recorded offset). */
export async function waitStarted(ctx: NodeContext, logLine: string, timeoutSeconds: number): Promise<StepOutcome> {
  // The JVM's pid lets the follow end the moment the JVM dies, instead of at the time-out.
  const running = await runChecked(ctx, isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true }, 'looking for the JVM');
  const pid = running.ok ? Number.parseInt(running.result.stdout.trim().split(/\s+/)[0] ?? '', 10) : Number.NaN;
  if (!running.ok && !running.outcome.ok && running.outcome.exitCode === 1) {
    const since = await runChecked(ctx, sh`tail -c +${(ctx.catalinaOffset ?? 0) + 1} ${ctx.paths.catalinaOut} | tail -n 20`, { timeoutMs: 30_000, idempotent: true }, 'reading catalina.out');
    const lines = since.ok ? since.result.stdout : '';
    if (!lines.includes(logLine)) {
      return failed(`${ctx.spec.name}'s JVM is not running: it exited during startup, before logging "${logLine}"`, lines, { command: `tail ${ctx.paths.catalinaOut}` });
    }
  }
  const result = await followLog(ctx, ctx.paths.catalinaOut, ctx.catalinaOffset ?? 0, timeoutSeconds * 1000, (line) => line.includes(logLine), Number.isInteger(pid) ? pid : undefined);
  if (result.ok) {
    const ms = parseStartupLine(result.line);
    return succeeded(ms === undefined ? result.line.trim() : `started in ${(ms / 1000).toFixed(1)} s`);
  }
  return failed(
    result.error !== undefined && result.error.includes('exited')
      ? `${ctx.spec.name}'s JVM exited during startup, before logging "${logLine}"`
      : `${ctx.spec.name} did not log "${logLine}" within ${timeoutSeconds} s${result.error === undefined ? '' : ` (${result.error})`}`,
    result.lastLines,
    { command: `tail -F ${ctx.paths.catalinaOut}` },
  );
}
