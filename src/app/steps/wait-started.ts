import { parseStartupLine } from '../../domain/liferay/startup-line.ts';
import type { NodeContext } from '../node-context.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { followLog } from './follow-log.ts';

/** Waits for the startup line written after this start (catalina.out followed from the recorded offset). */
export async function waitStarted(ctx: NodeContext, logLine: string, timeoutSeconds: number): Promise<StepOutcome> {
  const result = await followLog(ctx, ctx.paths.catalinaOut, ctx.catalinaOffset ?? 0, timeoutSeconds * 1000, (line) => line.includes(logLine));
  if (result.found) {
    const ms = parseStartupLine(result.line);
    return succeeded(ms === undefined ? result.line.trim() : `started in ${(ms / 1000).toFixed(1)} s`);
  }
  return failed(
    `${ctx.spec.name} did not log "${logLine}" within ${timeoutSeconds} s${result.error === undefined ? '' : ` (${result.error})`}`,
    result.lastLines,
    { command: `tail -F ${ctx.paths.catalinaOut}` },
  );
}
