import { checkCommand } from './check-command.ts';
import { rolloutCommand } from './rollout-command.ts';
import { statusCommand } from './status-command.ts';
import { EXIT, type CliIo } from './cli-io.ts';

export const CLI_USAGE = `usage: liferay-rollout <command> [options] -- <request>

commands:
  check   may this change be done by rolling restart on the cluster, and why
  plan    the verdict and the exact plan for a cluster of the inventory
  run     carry the plan out over SSH, node by node, printing every step
  status  open, running and recent requests from the bot's store
  help    this text

Run "liferay-rollout <command> --help" for a command's options.
`;

type Command = (argv: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  check: checkCommand,
  plan: (argv, io) => rolloutCommand('plan', argv, io),
  run: (argv, io) => rolloutCommand('run', argv, io),
  status: statusCommand,
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
