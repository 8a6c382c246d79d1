import type { CommandResult, NodeExecutor, NodeSession, NodeTarget, RunOptions } from '../../src/app/ports.ts';
import type { ShellCommand } from '../../src/domain/shell/shell-command.ts';

/** One command a session was asked to run. */
export interface RecordedRun {
  readonly node: string;
  readonly command: string;
  readonly options: RunOptions;
}

/** Answers one command: a result, or a throw (e.g. a CodedError `step_timeout`). */
export type CommandHandler = (run: RecordedRun) => CommandResult | Promise<CommandResult>;

export const exitWith = (exitCode: number, stdout = '', stderr = ''): CommandResult => ({ exitCode, stdout, stderr, durationMs: 0 });

/**
 * Hand-written fake of `NodeExecutor`: records every connect and every command, and answers each
 * command with `handler` (default: exit 0, no output).
 *   const executor = new RecordingNodeExecutor();
 *   ...
 *   expect(executor.connects).toEqual([]);
 *   expect(executor.runs).toEqual([]);
 */
export class RecordingNodeExecutor implements NodeExecutor {
  readonly connects: NodeTarget[] = [];
  readonly runs: RecordedRun[] = [];

  constructor(private readonly handler: CommandHandler = () => exitWith(0)) {}

  connect(target: NodeTarget): Promise<NodeSession> {
    this.connects.push(target);
    const runs = this.runs;
    const handler = this.handler;
    return Promise.resolve({
      target,
      async run(command: ShellCommand, options: RunOptions): Promise<CommandResult> {
        const recorded = { node: target.name, command: command.text, options };
        runs.push(recorded);
        return handler(recorded);
      },
      close: () => Promise.resolve(),
    });
  }
}
