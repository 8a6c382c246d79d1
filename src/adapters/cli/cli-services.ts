import type { ServiceDeps } from '../../app/requests/service-deps.ts';
import type { RolloutStore } from '../../app/ports.ts';
import { clusterRuntimesOf } from '../../config/cluster-runtimes-of.ts';
import type { Inventory } from '../../config/inventory.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import { FolderArtifactSource } from '../artifacts/folder-artifact-source.ts';
import { FetchHealthProbe } from '../http/fetch-health-probe.ts';
import { ownerIsGone, processOwner } from '../process-owner.ts';
import { NodeSshExecutor } from '../ssh/node-ssh-executor.ts';
import { systemClock } from '../system-clock.ts';
import type { CliIo } from './cli-io.ts';
import { terminalNotifier } from './terminal-notifier.ts';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** How long a CLI run's lease lasts (it renews every third of it while it runs). */
export const CLI_LEASE_MS = 30_000;

/** The CLI's composition root for the commands that work on the bot's store: the same use cases, a terminal for Slack. */
export function cliServices(inventory: Inventory, catalog: PatchCatalog, store: RolloutStore, io: CliIo): ServiceDeps {
  return {
    store,
    clusters: clusterRuntimesOf(inventory),
    catalog,
    executor: new NodeSshExecutor(),
    artifacts: new FolderArtifactSource(inventory.artifactDir),
    healthProbe: new FetchHealthProbe(),
    notifier: terminalNotifier(io),
    clock: systemClock,
    log: silentLog,
    newId: () => `cli-${Date.now().toString(36)}`,
    pollIntervalMs: 2000,
    probe: true,
    owner: processOwner('cli'),
    leaseMs: Number.parseInt(io.env['LEASE_SECONDS'] ?? '', 10) * 1000 || CLI_LEASE_MS,
    ownerIsGone,
    shutdown: { requested: false },
    runs: new Map(),
  };
}

/**
 * Ctrl-C (SIGINT) or SIGTERM while a run goes on: the first pauses it once the node in progress is
 * back up, a second aborts (the node in progress is still brought back up). Returns the remover.
 */
export function stopOnSignals(deps: Pick<ServiceDeps, 'shutdown'>, io: CliIo, actor: string): () => void {
  let count = 0;
  const onSignal = (signal: string): void => {
    count += 1;
    deps.shutdown.requested = true;
    deps.shutdown.as = { cause: count === 1 ? 'pause' : 'abort', by: `${actor} (${signal})` };
    io.stderr(
      count === 1
        ? `\n${signal}: pausing once the node in progress is back up (again to abort: the node in progress is still brought back up first)\n`
        : `\n${signal}: aborting after the current step; the node in progress is brought back up first\n`,
    );
  };
  const int = (): void => onSignal('SIGINT');
  const term = (): void => onSignal('SIGTERM');
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return () => {
    process.off('SIGINT', int);
    process.off('SIGTERM', term);
  };
}
