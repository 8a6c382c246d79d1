import { asCodedError } from '../domain/as-coded-error.ts';
import type { ShellCommand } from '../domain/shell/shell-command.ts';
import type { NodeContext } from './node-context.ts';
import type { CommandResult, RunOptions } from './ports.ts';
import { failed, tailOf, type StepOutcome } from './step-outcome.ts';

export type Checked = { readonly ok: true; readonly result: CommandResult } | { readonly ok: false; readonly outcome: StepOutcome };

/**
 * Runs a command and turns a non-zero exit or an executor error into a failed StepOutcome naming
 * the command, its exit code and the tail of its output.
 */
export async function runChecked(ctx: NodeContext, command: ShellCommand, options: RunOptions, what: string): Promise<Checked> {
  const session = ctx.session;
  if (session === undefined) return { ok: false, outcome: failed(`${what}: not connected to ${ctx.spec.name}`) };
  try {
    const result = await session.run(command, options);
    if (result.exitCode !== 0) {
      return {
        ok: false,
        outcome: failed(`${what} failed on ${ctx.spec.name} (exit ${result.exitCode})`, tailOf(`${result.stdout}\n${result.stderr}`), { command: command.text, exitCode: result.exitCode }),
      };
    }
    return { ok: true, result };
  } catch (error) {
    const { code, message, details } = asCodedError(error);
    const text = (key: string): string => (typeof details[key] === 'string' ? details[key] : '');
    const tail = tailOf(`${text('stdoutTail')}\n${text('stderrTail')}`);
    return { ok: false, outcome: failed(`${what} on ${ctx.spec.name}: ${message} (${code})`, tail, { command: command.text }) };
  }
}

/**
 * Runs a command inside a wrapper (the leftover-command marker, `trackedCommand`), reporting a
 * failure with the command itself: what the reader needs is the command that failed, not the wrapper.
 */
export async function runWrapped(ctx: NodeContext, wrap: (command: ShellCommand) => ShellCommand, command: ShellCommand, options: RunOptions, what: string): Promise<Checked> {
  const checked = await runChecked(ctx, wrap(command), options, what);
  if (checked.ok || checked.outcome.ok || checked.outcome.command === undefined) return checked;
  return { ok: false, outcome: { ...checked.outcome, command: command.text } };
}
