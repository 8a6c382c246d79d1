import { checkCommand } from './check-command.ts';
import { inspectCommand } from './inspect-command.ts';
import { planCommand, runCommand } from './rollout-command.ts';
import type { CliPorts } from './cli-ports.ts';
import { statusCommand } from './status-command.ts';
import { controlCommand } from './control-command.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { loadCliEnv, type CliEnv } from '../../config/env-config.ts';

export const CLI_USAGE = `usage: liferay-rollout <command> [options] -- <request>

commands:
  check   may this change be done by rolling restart on the cluster, and why
  inspect what a module/plugin file does to the schema: manifest, upgrade steps, SQL (--json)
  plan    the verdict and the exact plan for a cluster of the inventory
  run     carry the plan out over SSH, node by node, printing every step
  status  open, running and held rollouts from the bot's store (--json)
  history the latest rollouts with outcome, requester, approver, start, duration and actions (--json)
  resume | retry | rollback | pause | abort | leave <rollout-id>
          get a stopped rollout to a finished state, or stop a running one (the Slack buttons)
  help    this text

Run "liferay-rollout <command> --help" for a command's options.
`;

type Command = (argv: readonly string[], io: CliIo, ports: CliPorts, env: CliEnv) => number | Promise<number>;

/** Each command gets the ports it uses (its parameter type says which); check and inspect only the artifact reader. */
const COMMANDS: Readonly<Record<string, Command>> = {
  check: (argv, io, ports, env) => checkCommand(argv, io, env, ports),
  inspect: (argv, io, ports) => inspectCommand(argv, io, ports),
  plan: planCommand,
  run: runCommand,
  status: (argv, io, ports, env) => statusCommand('status', argv, io, ports, env),
  history: (argv, io, ports, env) => statusCommand('history', argv, io, ports, env),
  resume: (argv, io, ports, env) => controlCommand('resume', argv, io, ports, env),
  retry: (argv, io, ports, env) => controlCommand('retry', argv, io, ports, env),
  rollback: (argv, io, ports, env) => controlCommand('rollback', argv, io, ports, env),
  pause: (argv, io, ports, env) => controlCommand('pause', argv, io, ports, env),
  abort: (argv, io, ports, env) => controlCommand('abort', argv, io, ports, env),
  leave: (argv, io, ports, env) => controlCommand('leave', argv, io, ports, env),
};

/** The `liferay-rollout` entry point; returns the exit code. `ports` comes from the CLI's composition root (`composeCli`). */
export async function runCli(argv: readonly string[], io: CliIo, ports: CliPorts): Promise<number> {
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
  // The environment only through the validated config: a bad value is named, and nothing runs.
  const env = loadCliEnv(io.env);
  if (!env.ok) {
    io.stderr(env.error.map((problem) => `liferay-rollout: ${problem}\n`).join(''));
    return EXIT.usage;
  }
  return command(rest, io, ports, env.value);
}
