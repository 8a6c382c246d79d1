import { checkCommand } from './check-command.ts';
import { rolloutCommand } from './rollout-command.ts';
import { statusCommand } from './status-command.ts';
import { controlCommand } from './control-command.ts';
import { EXIT, type CliIo } from './cli-io.ts';

export const CLI_USAGE = `usage: liferay-rollout <command> [options] -- <request>

commands:
  check   may this change be done by rolling restart on the cluster, and why
  plan    the verdict and the exact plan for a cluster of the inventory
  run     carry the plan out over SSH, node by node, printing every step
  status  open, running and held rollouts from the bot's store (--json)
  history the latest rollouts with outcome, requester, approver, start, duration and actions (--json)
  resume | retry | rollback | pause | abort | leave <rollout-id>
          get a stopped rollout to a finished state, or stop a running one (the Slack buttons)
  help    this text

Run "liferay-rollout <command> --help" for a command's options.
`;

type Command = (argv: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  check: checkCommand,
  plan: (argv, io) => rolloutCommand('plan', argv, io),
  run: (argv, io) => rolloutCommand('run', argv, io),
  status: (argv, io) => statusCommand('status', argv, io),
  history: (argv, io) => statusCommand('history', argv, io),
  resume: (argv, io) => controlCommand('resume', argv, io),
  retry: (argv, io) => controlCommand('retry', argv, io),
  rollback: (argv, io) => controlCommand('rollback', argv, io),
  pause: (argv, io) => controlCommand('pause', argv, io),
  abort: (argv, io) => controlCommand('abort', argv, io),
  leave: (argv, io) => controlCommand('leave', argv, io),
};

/** The `liferay-rollout` entry point; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(CLI_USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`liferay-rollout: unknown command "${name}"\n${CLI_USAGE}`);
    return EXIT.usage;
  }
  return command(rest, io);
}
