import type { ServiceDeps } from '../../app/requests/service-deps.ts';
import type { RolloutStore } from '../../app/ports.ts';
import { clusterRuntimesOf } from '../../compose-inventory.ts';
import type { Inventory } from '../../config/inventory-schema.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import type { CliIo } from './cli-io.ts';
import type { CliPorts } from './cli-ports.ts';
import { terminalNotifier } from './terminal-notifier.ts';

/** How long a CLI run's lease lasts (it renews every third of it while it runs). */
export const CLI_LEASE_MS = 30_000;

/** What the store-backed commands hand the shared use cases (the terminal stands in for Slack). */
export type CliServicePorts = Pick<CliPorts, 'executor' | 'healthProbe' | 'artifactsAt' | 'clock' | 'log' | 'owner' | 'ownerIsGone' | 'pollIntervalMs'>;

/** The use cases' dependencies for the commands that work on the bot's store: the CLI's ports, a terminal for Slack. */
export function cliServices(inventory: Inventory, catalog: PatchCatalog, store: RolloutStore, io: CliIo, ports: CliServicePorts): ServiceDeps {
  return {
    store,
    clusters: clusterRuntimesOf(inventory),
    catalog,
    executor: ports.executor,
    artifacts: ports.artifactsAt(inventory.artifactDir),
    healthProbe: ports.healthProbe,
    notifier: terminalNotifier(io),
    clock: ports.clock,
    log: ports.log,
    newId: () => `cli-${ports.clock.now().getTime().toString(36)}`,
    pollIntervalMs: ports.pollIntervalMs,
    probe: true,
    owner: ports.owner,
    leaseMs: Number.parseInt(io.env['LEASE_SECONDS'] ?? '', 10) * 1000 || CLI_LEASE_MS,
    ownerIsGone: ports.ownerIsGone,
    shutdown: { requested: false },
    runs: new Map(),
  };
}

/**
 * Ctrl-C (SIGINT) or SIGTERM while a run goes on: the first pauses it once the node in progress is
 * back up, a second aborts (the node in progress is still brought back up). Returns the remover.
 */
export function stopOnSignals(deps: Pick<ServiceDeps, 'shutdown'>, io: CliIo, ports: Pick<CliPorts, 'signals' | 'actor'>): () => void {
  let count = 0;
  return ports.signals((signal) => {
    count += 1;
    deps.shutdown.requested = true;
    deps.shutdown.as = { cause: count === 1 ? 'pause' : 'abort', by: `${ports.actor} (${signal})` };
    io.stderr(
      count === 1
        ? `\n${signal}: pausing once the node in progress is back up (again to abort: the node in progress is still brought back up first)\n`
        : `\n${signal}: aborting after the current step; the node in progress is brought back up first\n`,
    );
  });
}
