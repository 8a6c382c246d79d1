import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { FolderArtifactSource } from './adapters/artifacts/folder-artifact-source.ts';
import { YauzlArtifactReader } from './adapters/artifacts/yauzl-artifact-reader.ts';
import type { CliPorts, CliServices, SignalSource, StopSignal } from './adapters/cli/cli-ports.ts';
import { terminalNotifier } from './adapters/cli/terminal-notifier.ts';
import { FetchHealthProbe } from './adapters/http/fetch-health-probe.ts';
import { ownerIsGone, processOwner } from './adapters/process-owner.ts';
import { NodeSshExecutor } from './adapters/ssh/node-ssh-executor.ts';
import { openSqliteRolloutStore } from './adapters/store/sqlite-rollout-store.ts';
import { systemClock } from './adapters/system-clock.ts';
import { clusterRuntimesOf } from './compose-inventory.ts';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** SIGINT and SIGTERM of this process. */
export const processSignals: SignalSource = (onSignal) => {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal: StopSignal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
};

/**
 * The use cases' ports for a command on the bot's store: the CLI's adapters, the inventory's
 * clusters, the terminal standing in for Slack, and this process as the owner of what it runs.
 */
function cliServices(ports: Omit<CliPorts, 'servicesFor'>, owner: string): CliPorts['servicesFor'] {
  return (inventory, store, io, leaseMs): CliServices => ({
    store,
    clusters: clusterRuntimesOf(inventory),
    executor: ports.executor,
    artifacts: ports.artifactsAt(inventory.artifactDir),
    healthProbe: ports.healthProbe,
    notifier: terminalNotifier(io),
    clock: ports.clock,
    log: ports.log,
    pollIntervalMs: ports.pollIntervalMs,
    ownership: { owner, leaseMs, ownerIsGone: ports.ownerIsGone, shutdown: { requested: false }, runs: new Map() },
  });
}

/**
 * The CLI's composition root: the real adapters behind the ports the commands use (SSH executor,
 * HTTP health probe, artifact folder, SQLite store, system clock, this process's signals and
 * terminal), and the use cases' ports built from them for the commands on the bot's store. Tests
 * pass overrides for the seams they drive (signals, terminal) and keep the rest.
 */
export function composeCli(overrides: Partial<CliPorts> = {}): CliPorts {
  const ports: Omit<CliPorts, 'servicesFor'> = {
    executor: new NodeSshExecutor(),
    healthProbe: new FetchHealthProbe(),
    artifactsAt: (dir) => new FolderArtifactSource(dir),
    artifactReaderAt: (dir) => new YauzlArtifactReader(dir),
    openStore: (path) => openSqliteRolloutStore(path),
    clock: systemClock,
    log: silentLog,
    actor: `cli:${userInfo().username}`,
    ownerIsGone,
    newRunId: (now) => `cli-${now.getTime().toString(36)}-${process.pid.toString(36)}`,
    signals: processSignals,
    terminal: {
      // @types/node types stdin as a tty.ReadStream (isTTY: boolean); piped or redirected it is another stream, without isTTY.
      isTty: (process.stdin as { readonly isTTY?: boolean }).isTTY === true,
      ask: async (prompt) => {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        try {
          return await rl.question(prompt);
        } finally {
          rl.close();
        }
      },
    },
    pollIntervalMs: 2000,
    ...overrides,
  };
  return { ...ports, servicesFor: overrides.servicesFor ?? cliServices(ports, processOwner('cli')) };
}
