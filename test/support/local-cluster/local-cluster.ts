import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CodedError } from '../../../src/domain/coded-error.ts';
import type { NodeTarget } from '../../../src/app/ports.ts';
import { freePort } from './free-port.ts';
import { createLiferayHome, LIFERAY_SIM_PATH, QUARTERLY_TOMCAT_DIR_NAME, TOMCAT_DIR_NAME, type HomeLayout } from './liferay-home-layout.ts';
import type { NodeFaults } from './node-faults.ts';
import type { NodeSshServer, SshServerKind } from './node-ssh-server.ts';
import { startOpensshNodeServer } from './openssh-node-server.ts';
import { commandLineOf, killQuietly } from './process-tree.ts';
import type { SimState } from './sim-state.ts';
import { generateSshKeyPair, writeSshKeyPair } from './ssh-key-pair.ts';
import { nodeCommandEnv, startSsh2NodeServer } from './ssh2-node-server.ts';
import { waitUntil } from './wait-until.ts';
import { messageOf } from '../../../src/domain/message-of.ts';

const run = promisify(execFile);

export interface LocalClusterOptions {
  readonly nodes: number;
  /** Cluster name (default `local`); nodes are `node1`..`nodeN`. */
  readonly name?: string;
  /** Delay between start and the startup line / health 200 (default 50 ms). */
  readonly startupMs?: number;
  /** Delay between the stop request and the process exit (default 30 ms). */
  readonly shutdownMs?: number;
  /** Default `ssh2` (in-process); `openssh` runs a real sshd per node (CodedError `sshd_missing` without it). */
  readonly sshServer?: SshServerKind;
  /** Patch ids installed on every node at the start (patching-tool state). Default none. */
  readonly installedPatches?: readonly string[];
  /** Product build code the Patching Tool reports (default `7110`; `7413` for the quarterly layout). */
  readonly productBuild?: string;
  /** Default `7.x` (`<node>/` with `tomcat-9.0.83/`); `quarterly`: `<node>/liferay-dxp/` with `tomcat/` and `.liferay-version`. */
  readonly layout?: HomeLayout;
  /** The release of every quarterly node (default `2026.q1.2`). */
  readonly release?: string;
}

export interface LocalNode {
  readonly name: string;
  /** LIFERAY_HOME. */
  readonly home: string;
  /** `<home>/tomcat-9.0.83`; `<home>/tomcat` in the quarterly layout. */
  readonly tomcatDir: string;
  readonly host: '127.0.0.1';
  readonly healthPort: number;
  /** `http://127.0.0.1:<healthPort>/c/portal/layout`. */
  readonly healthUrl: string;
  readonly sshPort: number;
  readonly hostKeySha256: string;
}

export interface LocalCluster {
  readonly name: string;
  /** The temp folder holding everything (removed by `stop()`). */
  readonly root: string;
  readonly nodes: readonly LocalNode[];
  readonly sshServer: SshServerKind;
  /** The current OS user, the only one the SSH servers let in. */
  readonly user: string;
  /** A generated ed25519 private key file (mode 0600), the only key the SSH servers accept. */
  readonly clientKeyPath: string;
  /** Quarterly layout: the folder standing in for the shared database (`database.json`, `upgrades/<from>-to-<to>`); else undefined. */
  readonly databaseDir: string | undefined;
  node(name: string): LocalNode;
  /** A NodeTarget for the executor (connectTimeoutMs 5000 unless overridden). */
  target(name: string, overrides?: Partial<NodeTarget>): NodeTarget;
  /** Replaces the node's faults (the simulator re-reads them whenever they matter). */
  setFaults(name: string, faults: NodeFaults): Promise<void>;
  /** Starts every stopped node (startup.sh, locally) and waits until all are healthy and see all members. */
  startAll(options?: { readonly timeoutMs?: number }): Promise<void>;
  /** GET /sim/state of a running node; CodedError `node_down` when nothing answers. */
  readState(name: string): Promise<SimState>;
  /** Whether the node's simulated JVM process is alive. */
  isRunning(name: string): boolean;
  /** The node's catalina.out and its liferay.*.log files, concatenated. */
  readCatalinaOut(name: string): string;
  readLiferayLog(name: string): string;
  /** Cuts all SSH connections of the node (TCP dies, the server keeps listening). */
  dropConnections(name: string): Promise<void>;
  stopSsh(name: string): Promise<void>;
  startSsh(name: string): Promise<void>;
  /** Kills every node process and SSH server and removes the temp folder. */
  stop(): Promise<void>;
}

interface NodeRuntime {
  readonly spec: Omit<LocalNode, 'sshPort'>;
  readonly ssh: NodeSshServer;
}

function simPidOf(home: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(home, '.sim', 'sim.pid'), 'utf8').trim(), 10);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    // Only ever a simulator of this home: never an unrelated process that reused the pid.
    const cmdline = commandLineOf(pid);
    return cmdline.includes(LIFERAY_SIM_PATH) && cmdline.includes(home) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killSimulators(homes: readonly string[]): void {
  for (const home of homes) {
    const pid = simPidOf(home);
    if (pid !== undefined) killQuietly(pid, 'SIGKILL');
  }
}

/** Starts a local Liferay cluster (simulated nodes, each behind its own SSH server) under a temp folder. */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  if (!Number.isInteger(options.nodes) || options.nodes < 1) {
    throw new CodedError('invalid_options', `nodes must be a positive integer, got ${options.nodes}`);
  }
  const clusterName = options.name ?? 'local';
  const kind: SshServerKind = options.sshServer ?? 'ssh2';
  const user = userInfo().username;
  const root = mkdtempSync(join(tmpdir(), `liferay-${clusterName}-`));
  const registryDir = join(root, 'registry');
  const quarterly = options.layout === 'quarterly';
  const databaseDir = quarterly ? join(root, 'database') : undefined;
  const tomcatDirName = quarterly ? QUARTERLY_TOMCAT_DIR_NAME : TOMCAT_DIR_NAME;
  const clientKeyPath = join(root, 'client_ed25519');
  const clientKey = generateSshKeyPair(`rollout-client@${clusterName}`);
  writeSshKeyPair(clientKey, clientKeyPath);

  const runtimes = new Map<string, NodeRuntime>();
  const homes: string[] = [];
  const onExit = (): void => killSimulators(homes);
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    killSimulators(homes);
    await Promise.all([...runtimes.values()].map((r) => r.ssh.close()));
    rmSync(root, { recursive: true, force: true });
  };

  try {
    for (let i = 1; i <= options.nodes; i += 1) {
      const name = `node${i}`;
      const home = quarterly ? join(root, name, 'liferay-dxp') : join(root, name);
      homes.push(home);
      const healthPort = await freePort();
      createLiferayHome({
        home,
        name,
        cluster: clusterName,
        healthPort,
        registryDir,
        startupMs: options.startupMs ?? 50,
        shutdownMs: options.shutdownMs ?? 30,
        productBuild: options.productBuild ?? (quarterly ? '7413' : '7110'),
        installedPatches: options.installedPatches ?? [],
        ...(quarterly ? { layout: 'quarterly' as const, release: options.release ?? '2026.q1.2' } : {}),
        ...(databaseDir === undefined ? {} : { databaseDir }),
      });
      const serverOptions = { name, home, user, authorizedKey: clientKey.publicKey, workDir: join(root, 'ssh', name) };
      const ssh = kind === 'openssh' ? await startOpensshNodeServer(serverOptions) : await startSsh2NodeServer(serverOptions);
      runtimes.set(name, {
        ssh,
        spec: {
          name,
          home,
          tomcatDir: join(home, tomcatDirName),
          host: '127.0.0.1',
          healthPort,
          healthUrl: `http://127.0.0.1:${healthPort}/c/portal/layout`,
          hostKeySha256: ssh.hostKeySha256,
        },
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const runtime = (name: string): NodeRuntime => {
    const found = runtimes.get(name);
    if (found === undefined) throw new CodedError('unknown_node', `no node ${name} in local cluster ${clusterName}`);
    return found;
  };
  const nodeView = (r: NodeRuntime): LocalNode => ({
    ...r.spec,
    get sshPort() {
      return r.ssh.port;
    },
  });

  const readState = async (name: string): Promise<SimState> => {
    const { spec } = runtime(name);
    try {
      const response = await fetch(`http://127.0.0.1:${spec.healthPort}/sim/state`, { signal: AbortSignal.timeout(2000) });
      return (await response.json()) as SimState;
    } catch (error) {
      throw new CodedError('node_down', `${name} does not answer on port ${spec.healthPort}`, { cause: messageOf(error) });
    }
  };
  const healthStatus = async (name: string): Promise<number> => {
    const response = await fetch(runtime(name).spec.healthUrl, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  };

  return {
    name: clusterName,
    root,
    get nodes() {
      return [...runtimes.values()].map(nodeView);
    },
    sshServer: kind,
    user,
    clientKeyPath,
    databaseDir,
    node: (name) => nodeView(runtime(name)),
    target: (name, overrides = {}) => {
      const r = runtime(name);
      return {
        name,
        host: '127.0.0.1',
        port: r.ssh.port,
        user,
        privateKeyPath: clientKeyPath,
        hostKeySha256: r.ssh.hostKeySha256,
        connectTimeoutMs: 5000,
        ...overrides,
      };
    },
    async setFaults(name, faults) {
      writeFileSync(join(runtime(name).spec.home, '.sim', 'faults.json'), `${JSON.stringify(faults, null, 2)}\n`);
      await Promise.resolve();
    },
    async startAll(startOptions = {}) {
      const names = [...runtimes.keys()];
      const catalinaOut = (name: string): string => join(runtime(name).spec.tomcatDir, 'logs', 'catalina.out');
      const readOut = (name: string): string => (existsSync(catalinaOut(name)) ? readFileSync(catalinaOut(name), 'utf8') : '');
      // Only what this start writes counts: an earlier start's failure stays in the file.
      const before = new Map(names.map((name) => [name, readOut(name).length]));
      for (const name of names) {
        const { home, tomcatDir } = runtime(name).spec;
        if (simPidOf(home) !== undefined) continue;
        await run('bash', [join(tomcatDir, 'bin', 'startup.sh')], { cwd: home, env: nodeCommandEnv(home, user) });
      }
      // What the last poll saw, for the error: which node was not there yet, and why.
      let waiting = 'no answer yet';
      let failed: string | undefined;
      try {
        await waitUntil(
          async () => {
            for (const name of names) {
              const out = readOut(name).slice(before.get(name) ?? 0);
              const connector = /Failed to start connector: .*/.exec(out);
              if (connector !== null) {
                failed = `${name}: ${connector[0]}`;
                return true;
              }
              waiting = `${name} did not answer its health URL`;
              const status = await healthStatus(name);
              waiting = `${name} answered ${status}`;
              if (status !== 200) return false;
              const members = (await readState(name)).members.length;
              waiting = `${name} saw ${members} of ${names.length} members`;
              if (members !== names.length) return false;
            }
            return true;
          },
          // Below the test hooks' own timeout, so that this error, which says what was missing, is the one reported.
          { timeoutMs: startOptions.timeoutMs ?? 100_000, intervalMs: 100, what: `all ${names.length} nodes of ${clusterName} healthy and in one view` },
        );
      } catch (error) {
        throw new CodedError('wait_timeout', `${messageOf(error)} (last seen: ${waiting})`);
      }
      if (failed !== undefined) throw new CodedError('node_down', `a node of ${clusterName} could not start: ${failed}`);
    },
    readState,
    isRunning: (name) => simPidOf(runtime(name).spec.home) !== undefined,
    readCatalinaOut: (name) => readFileSync(join(runtime(name).spec.tomcatDir, 'logs', 'catalina.out'), 'utf8'),
    readLiferayLog: (name) => {
      const logs = join(runtime(name).spec.home, 'logs');
      return readdirSync(logs)
        .filter((f) => /^liferay\.\d{4}-\d{2}-\d{2}\.log$/.test(f))
        .sort()
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('');
    },
    dropConnections: (name) => runtime(name).ssh.dropConnections(),
    stopSsh: (name) => runtime(name).ssh.stop(),
    startSsh: (name) => runtime(name).ssh.start(),
    stop,
  };
}
