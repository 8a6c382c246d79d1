import { createInterface } from 'node:readline/promises';
import { prepareRollout, type PreparedRollout } from '../../app/prepare-rollout.ts';
import { runRollout } from '../../app/run-rollout.ts';
import { runOwned } from '../../app/requests/run-owned.ts';
import type { RolloutResult } from '../../app/run-rollout.ts';
import type { Inventory } from '../../config/inventory.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import { cliServices, stopOnSignals } from './cli-services.ts';
import { clusterSpecOf, nodeTargetsOf } from '../../config/cluster-spec-of.ts';
import type { Answers } from '../../domain/eligibility/eligibility-input.ts';
import { FolderArtifactSource } from '../artifacts/folder-artifact-source.ts';
import { FetchHealthProbe } from '../http/fetch-health-probe.ts';
import { NodeSshExecutor } from '../ssh/node-ssh-executor.ts';
import { openCliStore } from './open-cli-store.ts';
import { systemClock } from '../system-clock.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { loadClusterContext } from './cluster-context.ts';
import { formatEvent } from './format-event.ts';
import { formatPlan } from './format-plan.ts';
import { formatVerdict } from './format-verdict.ts';
import { cliActor, recordCliRun } from './record-cli-run.ts';
import { parseCommandLine } from './parse-command-line.ts';

export const PLAN_USAGE = `usage: liferay-rollout plan --inventory FILE [--facts FILE] [--probe] [--json] [--revertible ID]... [--java-same-major yes|no] -- <request>
  Prints the verdict and the plan (nodes in order, every step). --probe reads patches and Java from the nodes first.
`;
export const RUN_USAGE = `usage: liferay-rollout run --inventory FILE [--facts FILE] [--db FILE] [--yes] [--full-shutdown] [--revertible ID]... [--java-same-major yes|no] -- <request>
  Reads the nodes' state over SSH, prints verdict and plan, then runs it node by node, printing every step.
  Asks for the cluster name on a terminal; elsewhere needs --yes. An ineligible change runs only with --full-shutdown.
  --db FILE (or DATABASE): record the run in the bot's store (history, audit trail) and respect its one-rollout-per-cluster lock.
  Exit 0 succeeded, 1 failed or refused, 2 bad input.
`;

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** `liferay-rollout plan` and `liferay-rollout run`. */
export async function rolloutCommand(mode: 'plan' | 'run', argv: readonly string[], io: CliIo, stdinIsTty = process.stdin.isTTY === true): Promise<number> {
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
  const inventoryPath = v.inventory ?? (io.env['INVENTORY'] || undefined);
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
  const executor = new NodeSshExecutor();
  const artifacts = new FolderArtifactSource(inventory.artifactDir);
  const prepared = await prepareRollout(
    { request: request, cluster, targets, declaredFacts: context.value.facts, catalog: context.value.catalog, policy: context.value.policy, answers, probe: v.probe },
    { executor, artifacts },
  );
  if (!prepared.ok) {
    io.stderr(`liferay-rollout ${mode}: ${prepared.error}\n`);
    return EXIT.failed;
  }
  const { verdict, plan, planError } = prepared.value;
  if (v.json && mode === 'plan') {
    io.stdout(`${JSON.stringify({ verdict, plan: plan ?? null, planError: planError ?? null, facts: prepared.value.facts, nodeFacts: prepared.value.nodeFacts })}\n`);
    return plan === undefined ? EXIT.failed : EXIT.ok;
  }
  io.stdout(formatVerdict(verdict));
  if (plan === undefined) {
    io.stderr(`liferay-rollout ${mode}: no plan: ${planError ?? 'unknown reason'}\n`);
    return EXIT.failed;
  }
  io.stdout(`\n${formatPlan(plan)}`);
  if (mode === 'plan') return EXIT.ok;
  const db = v.db ?? (io.env['DATABASE'] || undefined);
  return execute(prepared.value, { yes: v.yes, 'full-shutdown': v['full-shutdown'], db }, io, stdinIsTty, { cluster, targets, executor, artifacts, inventory, inventoryPath, catalog: context.value.catalog });
}

/** 0 succeeded, 130 stopped by Ctrl-C (as a shell reports an interrupted command), 1 otherwise. */
function exitFor(result: RolloutResult, interrupted: boolean): number {
  if (result.outcome === 'succeeded') return EXIT.ok;
  return interrupted && result.outcome === 'paused' ? 130 : EXIT.failed;
}

async function execute(
  prepared: PreparedRollout,
  v: { yes: boolean; 'full-shutdown': boolean; db: string | undefined },
  io: CliIo,
  stdinIsTty: boolean,
  wiring: {
    cluster: ReturnType<typeof clusterSpecOf>;
    targets: ReturnType<typeof nodeTargetsOf>;
    executor: NodeSshExecutor;
    artifacts: FolderArtifactSource;
    inventory: Inventory;
    inventoryPath: string;
    catalog: PatchCatalog;
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
    if (!stdinIsTty) {
      io.stderr('liferay-rollout run: refusing to start without --yes when standard input is not a terminal\n');
      return EXIT.usage;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`\nType the cluster name (${plan.cluster}) to start: `);
    rl.close();
    if (answer.trim() !== plan.cluster) {
      io.stderr('liferay-rollout run: not started\n');
      return EXIT.failed;
    }
  }
  const actor = cliActor();
  io.stdout('\n');
  if (v.db === undefined) {
    io.stdout('(not recorded: pass --db FILE or set DATABASE to record this run in the bot\'s history and to respect its one-rollout-per-cluster lock)\n');
    const rolloutId = `cli-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}`;
    const shutdown: { requested: boolean; as?: { readonly cause: 'pause' | 'abort'; readonly by: string } | undefined } = { requested: false };
    const unhook = stopOnSignals({ shutdown }, io, actor);
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
        { executor: wiring.executor, healthProbe: new FetchHealthProbe(), artifacts: wiring.artifacts, clock: systemClock, log: silentLog, pollIntervalMs: 2000 },
      );
      return exitFor(result, shutdown.requested);
    } finally {
      unhook();
    }
  }
  const store = openCliStore(`run`, v.db, io);
  if (store === undefined) return EXIT.usage;
  try {
    const services = { ...cliServices(wiring.inventory, wiring.catalog, store, io), executor: wiring.executor };
    const recorded = recordCliRun(prepared, store, new Date(), { owner: services.owner, leaseMs: services.leaseMs });
    if (!recorded.ok) {
      io.stderr(`liferay-rollout run: not started: ${recorded.error}\n`);
      return EXIT.failed;
    }
    io.stdout(`(recorded as ${recorded.value.id} in ${v.db})\n`);
    const unhook = stopOnSignals(services, io, actor);
    try {
      const running = store.update(recorded.value.id, ['approved'], { status: 'running', updatedAt: new Date().toISOString() });
      const result = running === undefined ? undefined : await runOwned(running, { mode: 'start', by: actor }, services);
      if (result !== undefined && result.outcome !== 'succeeded') io.stdout(`\nRollout ${recorded.value.id}: ${result.outcome}. Go on with: liferay-rollout resume|retry|rollback|leave ${recorded.value.id} --db ${v.db} --inventory ${wiring.inventoryPath}\n`);
      return result === undefined ? EXIT.failed : exitFor(result, services.shutdown.requested);
    } finally {
      unhook();
    }
  } finally {
    store.close();
  }
}
