import type { CommandResult, HealthAnswer, HealthProbe, NodeExecutor, NodeSession, NodeTarget, RunOptions } from '../../src/app/ports.ts';
import { assertNever } from '../../src/domain/assert-never.ts';
import { CodedError } from '../../src/domain/coded-error.ts';
import type { ClusterSpec, NodeSpec } from '../../src/domain/plan/cluster-spec.ts';
import { patchZip } from '../../src/domain/plan/change-action-for.ts';
import type { ShellCommand } from '../../src/domain/shell/shell-command.ts';
import type { ManualClock } from './manual-clock.ts';
import { recogniseNodeCommand, type NodeCommand, type NodeCommandKind } from './recognise-node-command.ts';

/**
 * Where a fault strikes: the commands of one kind of work on one node. `apply` is the command that
 * makes the change (Patching Tool install or revert, or the write of an edited text file),
 * `restore` the put-back of the backup and Patching Tool after it.
 */
export type FaultPoint = 'connect' | 'probe' | 'stage' | 'stop' | 'backup' | 'apply' | 'restore' | 'start' | 'read';

/** One command a node was sent, as the fake understood it. */
export interface SentCommand {
  readonly node: string;
  readonly kind: NodeCommandKind;
  /** The kind of the command inside a tracked one (backup, apply, restore), else the same as `kind`. */
  readonly does: NodeCommandKind;
  readonly stepId: string | undefined;
  readonly text: string;
}

interface Backup {
  readonly files: Map<string, string>;
  readonly installed: readonly string[];
}

interface ScriptedNode {
  readonly spec: NodeSpec;
  running: boolean;
  pid: number | undefined;
  /** Files by path relative to LIFERAY_HOME: patching-tool/patches/<zip>, portal-ext.properties, logs, staged artifacts (content: their sha256). */
  readonly files: Map<string, string>;
  /** What Patching Tool has installed (what `patching-tool.sh info` shows). */
  installed: string[];
  readonly backups: Map<string, Backup>;
  /** A tracked command's marker (.rollout/active-step): stale, or a command still working that a dead run left. */
  marker: { readonly stepId: string; readonly working: NodeCommand | undefined } | undefined;
  inBalancer: boolean;
}

type FaultEffect = 'fail' | 'hang' | 'crash' | 'die';

interface Fault {
  readonly node: string;
  readonly point: FaultPoint;
  readonly effect: FaultEffect;
  remaining: number;
}

export interface ScriptedClusterOptions {
  /** Fix packs and hotfixes every node has installed (and their zips in patches/). */
  readonly patches?: readonly string[];
  readonly java?: string;
  /** sha256 of each artifact the bot uploads (what arrives in the staging folder). */
  readonly artifacts?: Readonly<Record<string, string>>;
  readonly productBuild?: string;
}

const START_MS = 42_000;
const LEFTOVER_WAIT_SECONDS = 37;

const exit = (exitCode: number, stdout = '', stderr = ''): CommandResult => ({ exitCode, stdout, stderr, durationMs: 1 });
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const fromByte = (text: string, offset: number): string => Buffer.from(text, 'utf8').subarray(offset).toString('utf8');
const patchOfZip = (zip: string): string | undefined => /^liferay-(?:fix-pack-)?(.+)\.zip$/.exec(zip)?.[1];
const globToRegExp = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+?^${}()|\\]/g, '\\$&').replaceAll('*', '.*')}$`);
const tick = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });
const under = (file: string, path: string): boolean => file === path || file.startsWith(`${path}/`);

/** Which fault point a command belongs to (faults are set per node and point). */
function pointOf(command: NodeCommand): FaultPoint | undefined {
  switch (command.kind) {
    case 'tracked':
      return pointOf(command.inner);
    case 'probe':
      return 'probe';
    case 'upload':
      return 'stage';
    case 'stop':
      return 'stop';
    case 'backup':
      return 'backup';
    case 'patch-install':
    case 'patch-revert':
    case 'write-file':
      return 'apply';
    case 'restore':
    case 'reinstall-patches':
      return 'restore';
    case 'start':
      return 'start';
    case 'read-file':
      return 'read';
    // No fault point: the checks, reads of logs and sizes, follows, the force stop and the balancer hooks.
    case 'is-running':
    case 'home-exists':
    case 'patching-tool-info':
    case 'staged-sha256':
    case 'file-size':
    case 'liferay-log':
    case 'follow':
    case 'catalina-tail':
    case 'leftover':
    case 'force-stop':
    case 'drain':
    case 'enable':
      return undefined;
  }
  return assertNever(command, 'node command');
}

/**
 * Hand-written fake of `NodeExecutor` and `HealthProbe` for use-case tests of the runner: N nodes,
 * each running or stopped, with Patching Tool's installed patches and the files a change touches,
 * answering the commands the steps send (see `recogniseNodeCommand`, the one place that knows their
 * texts). A command it does not know is thrown back with its text and kept in `unknownCommands`,
 * so the fake never agrees silently. Time passes only on the ManualClock: a start is instant, a
 * follow (tail -F) streams what the node wrote and, when nothing more will come, runs into the
 * executor's time-out at once.
 *
 * What a node prints is modelled on test/support/local-cluster/sim: catalina.out gets
 * `Server startup in [N] milliseconds`; logs/liferay.YYYY-MM-DD.log gets JGroups views on the
 * control and transport channels, listing the nodes that run (every running node's log gets the
 * new view when one starts or stops).
 *
 *   const nodes = new ScriptedCluster(spec, clock, { patches: ['dxp-16-7110'], artifacts: { [zip]: sha } })
 *     .failing('node2', 'apply')      // exit 1 once
 *     .neverHealthy('node3');
 *   ... runRollout(input, { executor: nodes.executor, healthProbe: nodes.healthProbe, clock, ... })
 *   expect(nodes.maxDownAtOnce).toBe(1); expect(nodes.down()).toEqual([]);
 */
export class ScriptedCluster {
  readonly executor: NodeExecutor;
  readonly healthProbe: HealthProbe;
  readonly sent: SentCommand[] = [];
  readonly unknownCommands: string[] = [];
  /** The most nodes that were down at one moment. */
  maxDownAtOnce = 0;
  /** Each moment more than one node was down: the nodes down then. */
  readonly downTogether: string[][] = [];

  /** Each moment running nodes had different patches (a rolling rollout does that; a full shutdown must not): `node1 dxp-17-7110 / node2 dxp-16-7110`. */
  readonly mixedRunning: string[] = [];
  /** Nodes whose health URL the bot asked, in order. */
  readonly healthChecks: string[] = [];

  private readonly nodes = new Map<string, ScriptedNode>();
  private readonly unhealthy = new Set<string>();
  private readonly unhealthyAfterStart = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly listeners: ((command: SentCommand) => void)[] = [];
  private readonly artifactSha: Readonly<Record<string, string>>;
  private readonly java: string;
  private readonly productBuild: string;
  private nextPid = 4711;
  private viewId = 0;
  private deathWatchers: ((node: string) => void)[] = [];

  constructor(
    private readonly spec: ClusterSpec,
    private readonly clock: ManualClock,
    options: ScriptedClusterOptions = {},
  ) {
    this.artifactSha = options.artifacts ?? {};
    this.java = options.java ?? '1.8.0_292';
    this.productBuild = options.productBuild ?? '7110';
    for (const node of spec.nodes) {
      const patches = options.patches ?? [];
      const files = new Map(patches.map((id) => [`patching-tool/patches/${patchZip(id)}`, `zip of ${id}`]));
      this.nodes.set(node.name, { spec: node, running: false, pid: undefined, files, installed: [...patches], backups: new Map(), marker: undefined, inBalancer: true });
    }
    for (const node of this.nodes.values()) this.boot(node);
    this.executor = { connect: (target) => this.connect(target) };
    this.healthProbe = { check: (url) => Promise.resolve(this.health(url)) };
  }

  // --- faults and arrangements (fluent) -----------------------------------------------------------

  /** The node's commands at `point` exit 1 (stderr names the fault), `times` times. */
  failing(node: string, point: FaultPoint, times = 1): this {
    return this.fault(node, point, 'fail', times);
  }

  /** The graceful stop command hangs until the executor's time-out; the JVM keeps running (the force stop kills it). */
  stopHangs(node: string): this {
    return this.fault(node, 'stop', 'hang', Number.POSITIVE_INFINITY);
  }

  /** The start command returns, but the JVM exits before it logs the startup line. */
  crashesOnStart(node: string, times = 1): this {
    return this.fault(node, 'start', 'crash', times);
  }

  /**
   * The bot dies while this command runs: the session never answers, and the command goes on
   * working on the node (OpenSSH lets it), so a tracked command's marker is still there, its work
   * done only when the next run's leftover check waits for it. `nextDeath()` resolves.
   */
  diesDuring(node: string, point: FaultPoint): this {
    return this.fault(node, point, 'die', 1);
  }

  /** The health URL answers 503 while the node runs: from its next start on (default), or from now on. */
  neverHealthy(node: string, from: 'next-start' | 'now' = 'next-start'): this {
    this.nodeOf(node);
    (from === 'now' ? this.unhealthy : this.unhealthyAfterStart).add(node);
    return this;
  }

  /** Someone changed the node by hand: its installed patches (and patches/) are now `patches`. */
  replacePatches(node: string, patches: readonly string[]): this {
    const n = this.nodeOf(node);
    for (const file of [...n.files.keys()]) if (under(file, 'patching-tool/patches')) n.files.delete(file);
    for (const id of patches) n.files.set(`patching-tool/patches/${patchZip(id)}`, `zip of ${id}`);
    n.installed = [...patches];
    return this;
  }

  /** Calls `listener` with every command, before it is answered (e.g. to lose the lease at a given command). */
  onCommand(listener: (command: SentCommand) => void): this {
    this.listeners.push(listener);
    return this;
  }

  // --- what tests look at -------------------------------------------------------------------------

  /** Resolves with the node's name when the next `diesDuring` fault strikes. */
  nextDeath(): Promise<string> {
    return new Promise((resolve) => this.deathWatchers.push(resolve));
  }

  isRunning(node: string): boolean {
    return this.nodeOf(node).running;
  }

  /** The nodes that are down now. */
  down(): string[] {
    return this.spec.nodes.map((n) => n.name).filter((n) => !this.nodeOf(n).running);
  }

  installed(node: string): readonly string[] {
    return [...this.nodeOf(node).installed];
  }

  file(node: string, path: string): string | undefined {
    return this.nodeOf(node).files.get(path);
  }

  marker(node: string): string | undefined {
    return this.nodeOf(node).marker?.stepId;
  }

  /** Commands sent to `node` (all nodes without one), from index `since` of `sent` on. */
  commands(node?: string, since = 0): SentCommand[] {
    return this.sent.slice(since).filter((c) => node === undefined || c.node === node);
  }

  /** The kinds of work done on a node, in order (`does` of each command), from `since` on. */
  did(node: string, since = 0): NodeCommandKind[] {
    return this.commands(node, since).map((c) => c.does);
  }

  // --- the ports ----------------------------------------------------------------------------------

  private connect(target: NodeTarget): Promise<NodeSession> {
    const node = this.nodeOf(target.name);
    if (this.take(target.name, 'connect') !== undefined) return Promise.reject(new Error(`connect ECONNREFUSED ${target.host}:${target.port}`));
    return Promise.resolve({
      target,
      run: (command: ShellCommand, options: RunOptions) => this.run(node, command.text, options),
      close: () => Promise.resolve(),
    });
  }

  private health(url: string): HealthAnswer {
    const node = [...this.nodes.values()].find((n) => n.spec.healthUrl === url);
    if (node === undefined) throw new Error(`scripted cluster: no node has the health URL ${url}`);
    this.healthChecks.push(node.spec.name);
    if (!node.running) return { ok: false, error: `connect ECONNREFUSED ${url}` };
    return { ok: true, status: this.unhealthy.has(node.spec.name) ? 503 : 200 };
  }

  private async run(node: ScriptedNode, text: string, options: RunOptions): Promise<CommandResult> {
    const command = recogniseNodeCommand(text, node.spec, this.spec.tomcatDir);
    if (command === undefined) {
      this.unknownCommands.push(text);
      throw new Error(`scripted cluster: ${node.spec.name} does not know this command:\n${text}`);
    }
    const inner = command.kind === 'tracked' ? command.inner : command;
    const sent: SentCommand = { node: node.spec.name, kind: command.kind, does: inner.kind, stepId: command.kind === 'tracked' ? command.stepId : undefined, text };
    this.sent.push(sent);
    for (const listener of this.listeners) listener(sent);
    const point = pointOf(command);
    const fault = point === undefined ? undefined : this.take(node.spec.name, point);
    if (fault?.effect === 'die') return this.die(node, command, options);
    if (fault?.effect === 'fail') return exit(1, '', `injected fault: ${point ?? ''} fails on ${node.spec.name}`);
    if (fault?.effect === 'hang') {
      this.clock.advance(options.timeoutMs);
      throw new CodedError('step_timeout', `${node.spec.name}: command did not finish within ${options.timeoutMs} ms`);
    }
    if (command.kind === 'follow') return this.follow(node, command, options);
    return this.answer(node, inner, options, fault?.effect === 'crash');
  }

  private die(node: ScriptedNode, command: NodeCommand, options: RunOptions): Promise<CommandResult> {
    if (command.kind === 'tracked') node.marker = { stepId: command.stepId, working: command.inner };
    else this.answer(node, command, options, false);
    const watchers = this.deathWatchers;
    this.deathWatchers = [];
    for (const watcher of watchers) watcher(node.spec.name);
    return new Promise<CommandResult>(() => undefined);
  }

  /** What the node does with a (non-follow) command and prints back. */
  private answer(node: ScriptedNode, command: NodeCommand, options: RunOptions, crash: boolean): CommandResult {
    const rel = (path: string): string => {
      const home = `${node.spec.liferayHome.replace(/\/+$/, '')}/`;
      if (!path.startsWith(home)) throw new Error(`scripted cluster: ${path} is outside ${node.spec.name}'s LIFERAY_HOME`);
      return path.slice(home.length);
    };
    switch (command.kind) {
      case 'is-running':
        return node.running ? exit(0, `${node.pid ?? 0}\n`) : exit(1);
      case 'home-exists':
        return exit(0, 'ok\n');
      case 'probe':
        return exit(0, `${this.info(node)}--- java\nopenjdk version "${this.java}" 2024-01-16\nOpenJDK Runtime Environment\n`);
      case 'patching-tool-info':
        return exit(0, this.info(node));
      case 'staged-sha256': {
        const sha = node.files.get(`.rollout/staging/${command.file}`);
        return exit(0, sha === undefined ? '' : `${sha}  ${node.spec.liferayHome}/.rollout/staging/${command.file}\n`);
      }
      case 'upload': {
        const sha = this.artifactSha[command.file];
        if (sha === undefined) throw new Error(`scripted cluster: no sha256 given for the artifact ${command.file}`);
        node.files.set(`.rollout/staging/${command.file}`, sha);
        return exit(0, `${sha}  ${node.spec.liferayHome}/.rollout/staging/${command.file}\n`);
      }
      case 'backup': {
        if (node.backups.has(command.rolloutId)) return exit(0, 'backup already taken\n');
        const files = new Map([...node.files].filter(([f]) => command.paths.some((p) => under(f, p))));
        node.backups.set(command.rolloutId, { files, installed: [...node.installed] });
        return exit(0, `backed up: ${command.paths.join(' ')}\n`);
      }
      case 'restore': {
        const backup = node.backups.get(command.rolloutId);
        const dir = `${node.spec.liferayHome}/.rollout/backup/${command.rolloutId}`;
        if (backup === undefined) return exit(0, `no complete backup in ${dir}: nothing was changed\n`);
        for (const file of [...node.files.keys()]) if (command.paths.some((p) => under(file, p))) node.files.delete(file);
        for (const [file, content] of backup.files) node.files.set(file, content);
        return exit(0, `restored from ${dir}\n`);
      }
      case 'patch-install':
      case 'patch-revert': {
        if (command.kind === 'patch-revert') node.files.delete(`patching-tool/patches/${command.zip}`);
        const keep = command.kind === 'patch-install' ? command.zip : command.restoreZip;
        if (command.removeZipsMatching !== undefined) {
          const glob = globToRegExp(command.removeZipsMatching);
          for (const file of [...node.files.keys()]) {
            const zip = file.slice('patching-tool/patches/'.length);
            if (file.startsWith('patching-tool/patches/') && glob.test(zip) && zip !== keep) node.files.delete(file);
          }
        }
        if (keep !== undefined) {
          if (!node.files.has(`.rollout/staging/${keep}`)) return exit(1, '', `cp: cannot stat '${node.spec.liferayHome}/.rollout/staging/${keep}': No such file or directory`);
          node.files.set(`patching-tool/patches/${keep}`, `zip of ${patchOfZip(keep) ?? keep}`);
        }
        return this.patchingTool(node, command.kind === 'patch-install' ? 'install' : 'revert');
      }
      case 'reinstall-patches':
        return this.patchingTool(node, 'revert');
      case 'read-file':
        return exit(0, node.files.get(rel(command.path)) ?? '');
      case 'write-file': {
        if (typeof options.stdin !== 'string') throw new Error(`scripted cluster: writing ${command.path} expects the text on stdin`);
        node.files.set(rel(command.path), options.stdin);
        return exit(0);
      }
      case 'file-size':
        return exit(0, `${bytes(node.files.get(rel(command.path)) ?? '')}\n`);
      case 'liferay-log': {
        const path = this.liferayLog();
        return exit(0, `${node.spec.liferayHome}/${path} ${bytes(node.files.get(path) ?? '')}\n`);
      }
      case 'catalina-tail': {
        const lines = fromByte(node.files.get(rel(command.path)) ?? '', command.fromByte).replace(/\n$/, '').split('\n');
        return exit(0, `${lines.slice(-20).join('\n')}\n`);
      }
      case 'leftover': {
        const marker = node.marker;
        node.marker = undefined;
        if (marker === undefined) return exit(0, 'none\n');
        if (marker.working === undefined) return exit(0, `stale ${marker.stepId}\n`);
        this.answer(node, marker.working, options, false);
        this.clock.advance(LEFTOVER_WAIT_SECONDS * 1000);
        return exit(0, `waited ${LEFTOVER_WAIT_SECONDS} s for ${marker.stepId} to end\n`);
      }
      case 'tracked':
        return this.answer(node, command.inner, options, crash);
      case 'stop':
      case 'force-stop':
        if (node.running) this.halt(node);
        return exit(0);
      case 'start':
        if (node.running) return exit(1, '', 'PID file found: Tomcat is already running');
        if (crash) {
          this.append(node, this.catalinaOut(), `${this.stamp()} SEVERE [main] org.apache.catalina.startup.Catalina.start JVM exited during startup\n`);
          return exit(0, 'Tomcat started.\n');
        }
        this.boot(node);
        return exit(0, 'Tomcat started.\n');
      case 'drain':
        node.inBalancer = false;
        return exit(0, 'drained\n');
      case 'enable':
        node.inBalancer = true;
        return exit(0, 'enabled\n');
      case 'follow':
        throw new Error('scripted cluster: a follow is answered by follow()');
    }
  }

  /** tail -F: streams what the file holds from the offset; then ends when its JVM is gone (--pid), is aborted, or runs into the time-out. */
  private async follow(node: ScriptedNode, command: Extract<NodeCommand, { kind: 'follow' }>, options: RunOptions): Promise<CommandResult> {
    const home = `${node.spec.liferayHome.replace(/\/+$/, '')}/`;
    const text = fromByte(node.files.get(command.path.slice(home.length)) ?? '', command.fromByte);
    const aborted = (): CodedError => new CodedError('aborted', `${node.spec.name}: command aborted`);
    const isAborted = (): boolean => options.signal?.aborted === true;
    if (isAborted()) throw aborted();
    if (text !== '') options.onStdout?.(text);
    if (isAborted()) throw aborted();
    // Let what the follower set off on the ManualClock (the cluster gate's settle check) run first.
    await tick();
    if (isAborted()) throw aborted();
    if (command.pid !== undefined && (!node.running || node.pid !== command.pid)) return exit(0, text);
    // Nothing more will be written: tail -F would run until the executor's time-out.
    this.clock.advance(options.timeoutMs);
    throw new CodedError('step_timeout', `${node.spec.name}: command did not finish within ${options.timeoutMs} ms`);
  }

  // --- the node's insides -------------------------------------------------------------------------

  private patchingTool(node: ScriptedNode, action: 'install' | 'revert'): CommandResult {
    if (node.running) return exit(1, `Unable to ${action}: the portal is running (pid ${node.pid ?? 0}). Stop Liferay before running the Patching Tool.\n`);
    const zips = [...node.files.keys()].filter((f) => f.startsWith('patching-tool/patches/')).map((f) => f.slice('patching-tool/patches/'.length));
    node.installed = zips.flatMap((z) => patchOfZip(z) ?? []).sort((a, b) => Number(a.startsWith('hotfix')) - Number(b.startsWith('hotfix')) || a.localeCompare(b));
    return exit(0, `${node.installed.length === 0 ? 'Reverting' : 'Installing'} patches... done: ${node.installed.join(', ') || 'none'}\n`);
  }

  private info(node: ScriptedNode): string {
    const available = [...node.files.keys()].filter((f) => f.startsWith('patching-tool/patches/')).flatMap((f) => patchOfZip(f.slice('patching-tool/patches/'.length)) ?? []);
    return [
      'Loading product and patch information...',
      'Product information:',
      '  * installation type: binary',
      `  * build number: ${this.productBuild}`,
      '',
      `Currently installed patches: ${node.installed.join(', ')}`,
      `Available patches: ${available.join(', ')}`,
      'Detailed patch list:',
      ...node.installed.map((id) => `  [*I] ${id} :: Installed; Will be installed. :: Built for LIFERAY`),
      '',
    ].join('\n');
  }

  private boot(node: ScriptedNode): void {
    if (this.unhealthyAfterStart.delete(node.spec.name)) this.unhealthy.add(node.spec.name);
    node.running = true;
    node.pid = this.nextPid++;
    const up = [...this.nodes.values()].filter((n) => n.running);
    if (new Set(up.map((n) => n.installed.join(','))).size > 1) this.mixedRunning.push(up.map((n) => `${n.spec.name} ${n.installed.join(',') || 'none'}`).join(' / '));
    this.append(node, this.catalinaOut(), `${this.stamp()} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [${START_MS.toLocaleString('en-US')}] milliseconds\n`);
    this.views(node);
  }

  private halt(node: ScriptedNode): void {
    node.running = false;
    node.pid = undefined;
    const down = this.down();
    this.maxDownAtOnce = Math.max(this.maxDownAtOnce, down.length);
    if (down.length > 1) this.downTogether.push(down);
    this.views(undefined);
  }

  /** A new JGroups view of the running nodes, on both channels, in the log of every running node. */
  private views(joined: ScriptedNode | undefined): void {
    const members = this.spec.nodes.filter((n) => this.nodeOf(n.name).running).map((n) => n.memberName);
    if (members.length === 0) return;
    this.viewId += 1;
    for (const n of this.nodes.values()) {
      if (!n.running) continue;
      const lines = ['control', 'transport-0'].map(
        (channel) => `${this.stamp()} INFO  [liferay-channel-${channel}][JGroupsReceiver:91] Accepted view [${members[0] ?? ''}|${this.viewId}] (${members.length}) [${members.join(', ')}]\n`,
      );
      this.append(n, this.liferayLog(), (n === joined ? `${this.stamp()} INFO  [main][StartupHelperUtil:72] Starting Liferay DXP\n` : '') + lines.join(''));
    }
  }

  private append(node: ScriptedNode, path: string, text: string): void {
    node.files.set(path, (node.files.get(path) ?? '') + text);
  }

  private catalinaOut(): string {
    return `${this.spec.tomcatDir}/logs/catalina.out`;
  }

  private liferayLog(): string {
    return `logs/liferay.${this.clock.now().toISOString().slice(0, 10)}.log`;
  }

  private stamp(): string {
    return this.clock.now().toISOString();
  }

  private fault(node: string, point: FaultPoint, effect: FaultEffect, times: number): this {
    this.nodeOf(node);
    this.faults.push({ node, point, effect, remaining: times });
    return this;
  }

  private take(node: string, point: FaultPoint): Fault | undefined {
    const fault = this.faults.find((f) => f.node === node && f.point === point && f.remaining > 0);
    if (fault !== undefined) fault.remaining -= 1;
    return fault;
  }

  private nodeOf(name: string): ScriptedNode {
    const node = this.nodes.get(name);
    if (node === undefined) throw new Error(`scripted cluster: no node ${name}`);
    return node;
  }
}
