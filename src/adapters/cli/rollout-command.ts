import { shownPlan } from '../../domain/liferay/shown-plan.ts';
import { shownVerdict } from '../../domain/liferay/shown-verdict.ts';
import { prepareRollout, type PreparedRollout } from '../../app/prepare-rollout.ts';
import { runRollout } from '../../app/run-rollout.ts';
import { runOwned } from '../../app/requests/run-owned.ts';
import type { RolloutResult } from '../../app/run-rollout.ts';
import type { Inventory } from '../../config/inventory-schema.ts';
import type { CliPorts } from './cli-ports.ts';
import { clusterSpecOf, nodeTargetsOf } from '../../compose-inventory.ts';
import type { Answers, FixpackHistory } from '../../domain/eligibility/eligibility-input.ts';
import { fixpackHistoryFilter, fixpackHistoryOf } from '../../app/fixpack-history-of.ts';
import type { ArtifactSource } from '../../app/ports.ts';
import type { ShutdownRequest } from '../../app/run-ownership.ts';
import { openCliStore } from './open-cli-store.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import type { CliEnv } from '../../config/env-config.ts';
import { loadClusterContext } from './cluster-context.ts';
import { formatEvent } from './format-event.ts';
import { formatPlan } from './format-plan.ts';
import { formatVerdict } from './format-verdict.ts';
import { recordCliRun } from '../../app/record-cli-run.ts';
import { rolloutInTheWay } from '../../app/requests/cluster-busy.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { stopOnSignals } from './stop-on-signals.ts';
import { cliText } from './render-text.ts';

export const PLAN_USAGE = `usage: liferay-rollout plan --inventory FILE [--facts FILE] [--probe] [--json] [--revertible ID]... [--java-same-major yes|no] -- <request>
  Prints the verdict and the plan (nodes in order, every step). --probe reads patches and Java from the nodes first.
`;
export const RUN_USAGE = `usage: liferay-rollout run --inventory FILE [--facts FILE] [--db FILE] [--yes] [--full-shutdown] [--revertible ID]... [--java-same-major yes|no] -- <request>
  Reads the nodes' state over SSH, prints verdict and plan, then runs it node by node, printing every step.
  Asks for the cluster name on a terminal; elsewhere needs --yes. An ineligible change runs only with --full-shutdown.
  --db FILE (or DATABASE): record the run in the bot's store (history, audit trail) and respect its one-rollout-per-cluster lock.
  Exit 0 succeeded, 1 failed or refused, 2 bad input.
`;

/** What plan reads the nodes and artifacts with. */
export type PlanPorts = Pick<CliPorts, 'executor' | 'artifactsAt' | 'artifactReaderAt'>;
/** What run uses besides: the store, the use cases' ports, Ctrl-C, the terminal and who sits at it. */
export type RunPorts = PlanPorts & Pick<CliPorts, 'healthProbe' | 'clock' | 'log' | 'pollIntervalMs' | 'openStore' | 'servicesFor' | 'signals' | 'terminal' | 'actor' | 'newRunId'>;

/** `liferay-rollout plan`. */
export function planCommand(argv: readonly string[], io: CliIo, ports: PlanPorts, env: CliEnv): Promise<number> {
  return rolloutCommand('plan', argv, io, env, ports);
}

/** `liferay-rollout run`. */
export function runCommand(argv: readonly string[], io: CliIo, ports: RunPorts, env: CliEnv): Promise<number> {
  return rolloutCommand('run', argv, io, env, ports, ports);
}

async function rolloutCommand(mode: 'plan' | 'run', argv: readonly string[], io: CliIo, env: CliEnv, ports: PlanPorts, runPorts?: RunPorts): Promise<number> {
  const usage = mode === 'plan' ? PLAN_USAGE : RUN_USAGE;
  const line = parseCommandLine(
    mode,
    argv,
    {
      inventory: { type: 'string' },
      facts: { type: 'string' },
      catalog: { type: 'string', multiple: true },
      probe: { type: 'boolean', default: mode === 'run' },
      json: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      'full-shutdown': { type: 'boolean', default: false },
      revertible: { type: 'string', multiple: true },
      'java-same-major': { type: 'string' },
      db: { type: 'string' },
    },
    usage,
    io,
  );
  if (typeof line === 'number') return line;
  const v = line.values;
  const inventoryPath = v.inventory ?? env.INVENTORY;
  if (inventoryPath === undefined) {
    io.stderr(`liferay-rollout ${mode}: --inventory FILE (or INVENTORY) is required: the nodes come from it\n${usage}`);
    return EXIT.usage;
  }
  const javaSameMajor = v['java-same-major'];
  if (javaSameMajor !== undefined && javaSameMajor !== 'yes' && javaSameMajor !== 'no') {
    io.stderr(`liferay-rollout ${mode}: --java-same-major takes yes or no\n`);
    return EXIT.usage;
  }
  const request = line.request;
  const context = loadClusterContext({ cwd: io.cwd, cluster: request.cluster, factsPath: v.facts, inventoryPath, catalogPaths: v.catalog });
  if (!context.ok) {
    io.stderr(`liferay-rollout ${mode}: ${context.error}\n`);
    return EXIT.usage;
  }
  const inventory = context.value.inventory;
  const clusterConfig = inventory?.clusters[request.cluster];
  if (inventory === undefined || clusterConfig === undefined) {
    io.stderr(`liferay-rollout ${mode}: unknown cluster "${request.cluster}"\n`);
    return EXIT.usage;
  }
  const cluster = clusterSpecOf(request.cluster, clusterConfig);
  const targets = nodeTargetsOf(clusterConfig);
  const answers: Answers = {
    ...(v.revertible === undefined ? {} : { revertible: v.revertible }),
    ...(javaSameMajor === undefined ? {} : { javaSameMajor: javaSameMajor === 'yes' }),
  };
  const db = v.db ?? env.DATABASE;
  let history: FixpackHistory | undefined;
  if (mode === 'run' && runPorts !== undefined && db !== undefined) {
    // A rollout holds the cluster: say so before probing nodes that are mid-change (they would only look as if they differ).
    const store = openCliStore('run', db, io, runPorts);
    if (store === undefined) return EXIT.usage;
    let busy;
    try {
      busy = rolloutInTheWay(request.cluster, store);
      // Where a fix pack revert goes back to, as the bot reads it: from the cluster's rollouts.
      history = fixpackHistoryOf(store.list(fixpackHistoryFilter(request.cluster)));
    } finally {
      store.close();
    }
    if (busy !== undefined) {
      io.stderr(`liferay-rollout run: not started: ${cliText(busy)}\n`);
      return EXIT.failed;
    }
  }
  const executor = ports.executor;
  const artifacts = ports.artifactsAt(inventory.artifactDir);
  const prepared = await prepareRollout(
    { request: request, cluster, targets, declaredFacts: context.value.facts, catalog: context.value.catalog, policy: context.value.policy, answers, probe: v.probe, ...(history === undefined ? {} : { history }) },
    { executor, artifacts, artifactReader: ports.artifactReaderAt(inventory.artifactDir) },
  );
  if (!prepared.ok) {
    io.stderr(`liferay-rollout ${mode}: ${prepared.error}\n`);
    return EXIT.failed;
  }
  const { verdict, plan, planError } = prepared.value;
  if (v.json && mode === 'plan') {
    io.stdout(`${JSON.stringify({ verdict: shownVerdict(verdict), plan: plan === undefined ? null : shownPlan(plan), planError: planError ?? null, facts: prepared.value.facts, nodeFacts: prepared.value.nodeFacts })}\n`);
    return plan === undefined ? EXIT.failed : EXIT.ok;
  }
  io.stdout(formatVerdict(verdict));
  if (plan === undefined) {
    io.stderr(`liferay-rollout ${mode}: no plan: ${planError ?? 'unknown reason'}\n`);
    return EXIT.failed;
  }
  io.stdout(`\n${formatPlan(plan)}`);
  if (mode === 'plan' || runPorts === undefined) return EXIT.ok;
  return execute(prepared.value, { yes: v.yes, 'full-shutdown': v['full-shutdown'], db, leaseMs: env.LEASE_SECONDS * 1000 }, io, runPorts, { cluster, targets, artifacts, inventory, inventoryPath });
}

/** 0 succeeded, 130 stopped by Ctrl-C (as a shell reports an interrupted command), 1 otherwise. */
function exitFor(result: RolloutResult, interrupted: boolean): number {
  if (result.outcome === 'succeeded') return EXIT.ok;
  return interrupted && result.outcome === 'paused' ? 130 : EXIT.failed;
}

async function execute(
  prepared: PreparedRollout,
  v: { yes: boolean; 'full-shutdown': boolean; db: string | undefined; leaseMs: number },
  io: CliIo,
  ports: RunPorts,
  wiring: {
    cluster: ReturnType<typeof clusterSpecOf>;
    targets: ReturnType<typeof nodeTargetsOf>;
    artifacts: ArtifactSource;
    inventory: Inventory;
    inventoryPath: string;
  },
): Promise<number> {
  const { verdict, plan } = prepared;
  if (plan === undefined || verdict.type !== 'verdict') return EXIT.failed;
  if (verdict.verdict === 'needs-confirmation') {
    io.stderr('liferay-rollout run: the verdict needs confirmation first: answer the question(s) above (--schema, --revertible ID, --java-same-major yes|no, or declare the facts), then run again\n');
    return EXIT.failed;
  }
  if (plan.strategy === 'full-shutdown' && !v['full-shutdown']) {
    io.stderr(`liferay-rollout run: this change needs every node of ${plan.cluster} down; run again with --full-shutdown to do that\n`);
    return EXIT.failed;
  }
  if (plan.request.dryRun) {
    io.stdout('\nDry run: nothing was changed.\n');
    return EXIT.ok;
  }
  if (!v.yes) {
    if (!ports.terminal.isTty) {
      io.stderr('liferay-rollout run: refusing to start without --yes when standard input is not a terminal\n');
      return EXIT.usage;
    }
    const answer = await ports.terminal.ask(`\nType the cluster name (${plan.cluster}) to start: `);
    if (answer.trim() !== plan.cluster) {
      io.stderr('liferay-rollout run: not started\n');
      return EXIT.failed;
    }
  }
  const actor = ports.actor;
  io.stdout('\n');
  if (v.db === undefined) {
    io.stdout('(not recorded: pass --db FILE or set DATABASE to record this run in the bot\'s history and to respect its one-rollout-per-cluster lock)\n');
    const rolloutId = `cli-${ports.clock.now().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}`;
    const shutdown: ShutdownRequest = { requested: false };
    const unhook = stopOnSignals(shutdown, io, ports);
    try {
      const result = await runRollout(
        {
          rolloutId,
          plan,
          cluster: wiring.cluster,
          targets: wiring.targets,
          expectedFacts: prepared.facts,
          onEvent: (event) => io.stdout(formatEvent(event)),
          control: { requested: () => (shutdown.requested ? shutdown.as : undefined), lost: () => undefined },
        },
        { executor: ports.executor, healthProbe: ports.healthProbe, artifacts: wiring.artifacts, clock: ports.clock, log: ports.log, pollIntervalMs: ports.pollIntervalMs },
      );
      return exitFor(result, shutdown.requested);
    } finally {
      unhook();
    }
  }
  const store = openCliStore(`run`, v.db, io, ports);
  if (store === undefined) return EXIT.usage;
  try {
    const services = ports.servicesFor(wiring.inventory, store, io, v.leaseMs);
    const now = ports.clock.now();
    const recorded = recordCliRun(prepared, store, now, { id: ports.newRunId(now), actor, owner: services.ownership.owner, leaseMs: services.ownership.leaseMs });
    if (!recorded.ok) {
      io.stderr(`liferay-rollout run: not started: ${cliText(recorded.error)}\n`);
      return EXIT.failed;
    }
    io.stdout(`(recorded as ${recorded.value.id} in ${v.db})\n`);
    const unhook = stopOnSignals(services.ownership.shutdown, io, ports);
    try {
      const running = store.update(recorded.value.id, ['approved'], { status: 'running', updatedAt: ports.clock.now().toISOString() });
      const result = running === undefined ? undefined : await runOwned(running, { mode: 'start', by: actor }, services);
      if (result !== undefined && result.outcome !== 'succeeded') io.stdout(`\nRollout ${recorded.value.id}: ${result.outcome}. Go on with: liferay-rollout resume|retry|rollback|leave ${recorded.value.id} --db ${v.db} --inventory ${wiring.inventoryPath}\n`);
      return result === undefined ? EXIT.failed : exitFor(result, services.ownership.shutdown.requested);
    } finally {
      unhook();
    }
  } finally {
    store.close();
  }
}
