import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FolderArtifactSource } from '../../src/adapters/artifacts/folder-artifact-source.ts';
import { FetchHealthProbe } from '../../src/adapters/http/fetch-health-probe.ts';
import { NodeSshExecutor } from '../../src/adapters/ssh/node-ssh-executor.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import { prepareRollout, type PreparedRollout } from '../../src/app/prepare-rollout.ts';
import { runRollout, type RolloutResult } from '../../src/app/run-rollout.ts';
import { clusterSpecOf, nodeTargetsOf } from '../../src/compose-inventory.ts';
import type { Inventory } from '../../src/config/inventory-schema.ts';
import { loadCatalog } from '../../src/config/read-json-file.ts';
import { loadInventory } from '../../src/config/load-inventory.ts';
import type { Answers, FixpackHistory } from '../../src/domain/eligibility/eligibility-input.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import type { ClusterFacts } from '../../src/domain/liferay/cluster-facts.ts';
import type { RolloutPlan } from '../../src/domain/plan/rollout-plan.ts';
import { parseRequest } from '../../src/domain/request/parse-request.ts';
import { startLocalCluster, type LocalCluster, type LocalClusterOptions } from './local-cluster/local-cluster.ts';

export { silentLog } from '../builders/service-deps.ts';
import { silentLog } from '../builders/service-deps.ts';

/** A JDK stand-in: `bin/java -version` prints the given version the way OpenJDK does. */
export function fakeJdk(dir: string, version: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const java = join(dir, 'bin', 'java');
  writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2024-01-16' >&2\necho 'OpenJDK Runtime Environment' >&2\n`);
  chmodSync(java, 0o755);
  return dir;
}

export interface LocalRolloutOptions extends Omit<LocalClusterOptions, 'name'> {
  readonly timeouts?: { stop?: number; start?: number; health?: number; cluster?: number };
  readonly restoreOnFailure?: boolean;
  /** Extra YAML lines for the cluster (indented by the caller). */
  readonly hooks?: { drain: string; enable: string };
  /** Replaces the stop command of every node (run with cwd = the node's LIFERAY_HOME). */
  readonly stopCommand?: string;
  /** Replaces node1's pinned host key (to test refusal). */
  readonly node1HostKey?: string;
  /** How often the rollout's waits poll (health, process gone); default 25 ms: the sim answers at once. */
  readonly pollIntervalMs?: number;
  /**
   * The inventory's `health.clusterSettleSeconds`: how long a cluster view must hold before the gate
   * passes; default 0.25 s (the sim's views come in one go), for every rollout on this cluster (in
   * process, the CLI's and the bot's). The cluster-gate suite keeps the production window, which its
   * flap tests are about.
   */
  readonly clusterSettleSeconds?: number;
  /** More settings of the cluster in the inventory, one YAML line each without indent (`notify: dm`). */
  readonly clusterSettings?: readonly string[];
}

export interface LocalRollout {
  readonly local: LocalCluster;
  readonly inventoryPath: string;
  readonly inventory: Inventory;
  readonly artifactDir: string;
  readonly jdks: Readonly<Record<'8' | '8u402' | '11' | '17', string>>;
  addArtifact(file: string, content: string | Uint8Array): void;
  /** `history`: what the rollout records would say of earlier fix pack levels (where a revert goes back to). */
  prepare(text: string, answers?: Answers, history?: FixpackHistory): Promise<PreparedRollout>;
  run(text: string, answers?: Answers, history?: FixpackHistory): Promise<{ prepared: PreparedRollout; result: RolloutResult; events: RolloutEvent[] }>;
  /** Runs a plan as given (tests that tamper with a plan). */
  runPlan(plan: RolloutPlan, expectedFacts: ClusterFacts): Promise<RolloutResult>;
  stop(): Promise<void>;
}

function commandsLine(options: LocalRolloutOptions): string[] {
  const commands = {
    ...(options.hooks === undefined ? {} : options.hooks),
    ...(options.stopCommand === undefined ? {} : { stop: options.stopCommand }),
  };
  const entries = Object.entries(commands).map(([key, command]) => `${key}: ${JSON.stringify(command)}`);
  return entries.length === 0 ? [] : [`    commands: { ${entries.join(', ')} }`];
}

/**
 * A 3-node (or N-node) local cluster with an inventory file describing it, an artifact folder and
 * fake JDKs: what the e2e suites, the CLI tests and the demo run rollouts against.
 */
export async function startLocalRollout(options: LocalRolloutOptions): Promise<LocalRollout> {
  const local = await startLocalCluster({ ...options, name: 'prod' });
  try {
    const artifactDir = join(local.root, 'artifacts');
    mkdirSync(artifactDir, { recursive: true });
    const jdks = {
      '8': fakeJdk(join(local.root, 'jdks', 'jdk8u292'), '1.8.0_292'),
      '8u402': fakeJdk(join(local.root, 'jdks', 'jdk8u402'), '1.8.0_402'),
      '11': fakeJdk(join(local.root, 'jdks', 'jdk-11'), '11.0.22'),
      '17': fakeJdk(join(local.root, 'jdks', 'jdk-17'), '17.0.15'),
    };
    const quarterly = options.layout === 'quarterly';
    for (const node of local.nodes) {
      const setenv = join(node.tomcatDir, 'bin', 'setenv.sh');
      writeFileSync(setenv, readFileSync(setenv, 'utf8').replace(/^(#!.*\n)?/, (shebang) => `${shebang}export JAVA_HOME="${quarterly ? jdks['17'] : jdks['8']}"\n`));
    }
    await local.startAll();
    const t = { stop: 15, start: 30, health: 20, cluster: 20, ...options.timeouts };
    const settle = options.clusterSettleSeconds ?? 0.25;
    const yaml = [
      `artifactDir: ${artifactDir}`,
      'clusters:',
      '  prod:',
      `    product: ${quarterly ? 'dxp-7.4' : 'dxp-7.1'}`,
      '    channels: [C0PROD]',
      '    approvers: { users: [U0APPROVER], groups: [S0OPS] }',
      `    liferayHome: ${local.nodes[0]?.home}`,
      `    tomcatDir: ${basename(local.nodes[0]?.tomcatDir ?? 'tomcat')}`,
      `    ssh: { user: ${local.user}, keyFile: ${local.clientKeyPath}, connectTimeoutSeconds: 5 }`,
      `    health: { stopTimeoutSeconds: ${t.stop}, startTimeoutSeconds: ${t.start}, healthTimeoutSeconds: ${t.health}, clusterTimeoutSeconds: ${t.cluster}, clusterSettleSeconds: ${settle} }`,
      `    javaHomes: { "8": ${jdks['8u402']}, "11": ${jdks['11']} }`,
      `    restoreOnFailure: ${options.restoreOnFailure ?? true}`,
      ...commandsLine(options),
      ...(options.clusterSettings ?? []).map((line) => `    ${line}`),
      '    nodes:',
      ...local.nodes.map(
        (n, i) => `      - { name: ${n.name}, host: 127.0.0.1, port: ${n.sshPort}, hostKey: "${i === 0 && options.node1HostKey !== undefined ? options.node1HostKey : n.hostKeySha256}", healthUrl: "${n.healthUrl}", liferayHome: ${n.home} }`,
      ),
      '',
    ].join('\n');
    const inventoryPath = join(local.root, 'inventory.yml');
    writeFileSync(inventoryPath, yaml);
    const loaded = loadInventory(inventoryPath);
    if (!loaded.ok) throw new Error(`local inventory invalid: ${JSON.stringify(loaded.error.problems)}`);
    const inventory = loaded.value;
    const clusterConfig = inventory.clusters['prod'];
    if (clusterConfig === undefined) throw new Error('no prod cluster');
    const cluster = clusterSpecOf('prod', clusterConfig);
    const targets = nodeTargetsOf(clusterConfig);
    const catalog = loadCatalog();
    if (!catalog.ok) throw new Error(catalog.error.message);
    const executor = new NodeSshExecutor({ reconnectDelaysMs: [200, 400] });
    const artifacts = new FolderArtifactSource(artifactDir);

    const execute = (plan: RolloutPlan, expectedFacts: ClusterFacts, events: RolloutEvent[]): Promise<RolloutResult> =>
      runRollout(
        { rolloutId: `r${Date.now()}`, plan, cluster, targets, expectedFacts, onEvent: (e) => void events.push(e) },
        { executor, healthProbe: new FetchHealthProbe(), artifacts, clock: systemClock, log: silentLog, pollIntervalMs: options.pollIntervalMs ?? 25 },
      );
    const prepare = async (text: string, answers: Answers = {}, history?: FixpackHistory): Promise<PreparedRollout> => {
      const request = parseRequest(text);
      if (!request.ok) throw new Error(request.error.reason);
      const prepared = await prepareRollout(
        { request: request.value, cluster, targets, declaredFacts: {}, catalog: catalog.value, policy: {}, answers, ...(history === undefined ? {} : { history }), probe: true },
        { executor, artifacts },
      );
      if (!prepared.ok) throw new Error(prepared.error);
      return prepared.value;
    };
    return {
      local,
      inventoryPath,
      inventory,
      artifactDir,
      jdks,
      addArtifact: (file, content) => writeFileSync(join(artifactDir, file), content),
      prepare,
      async run(text, answers, history) {
        const prepared = await prepare(text, answers, history);
        if (prepared.plan === undefined) throw new Error(`no plan: ${prepared.planError ?? ''}`);
        const events: RolloutEvent[] = [];
        const result = await execute(prepared.plan, prepared.facts, events);
        return { prepared, result, events };
      },
      runPlan: (plan, expectedFacts) => execute(plan, expectedFacts, []),
      stop: () => local.stop(),
    };
  } catch (error) {
    await local.stop();
    throw error;
  }
}

