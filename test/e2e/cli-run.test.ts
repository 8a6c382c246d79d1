import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalSource, StopSignal } from '../../src/adapters/cli/cli-ports.ts';
import { runCli } from '../../src/adapters/cli/run-cli.ts';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import { composeCli } from '../../src/compose-cli.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { ifSet } from '../support/if-set.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'liferay-rollout.js');

/** Ctrl-C by the test's hand: what `send` sends reaches whoever subscribed, as the process's signals would. */
function handSignals(): { readonly source: SignalSource; readonly send: (signal: StopSignal) => void } {
  const listeners = new Set<(signal: StopSignal) => void>();
  return {
    source: (onSignal) => {
      listeners.add(onSignal);
      return () => void listeners.delete(onSignal);
    },
    send: (signal) => {
      for (const listener of [...listeners]) listener(signal);
    },
  };
}

type Outcome = { code: number | null; stdout: string; stderr: string };

/**
 * The CLI in this process: runCli with the real composition (SSH, HTTP, SQLite), no terminal on
 * stdin, and Ctrl-C by hand. `onStdout` sees the output as it comes and may send a signal.
 */
async function cli(args: readonly string[], onStdout?: (soFar: string, signal: (s: StopSignal) => void) => void): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const hand = handSignals();
  const ports = composeCli({ signals: hand.source, terminal: { isTty: false, ask: () => Promise.reject(new Error('no terminal here')) } });
  const io = {
    stdout: (t: string) => {
      stdout += t;
      onStdout?.(stdout, hand.send);
    },
    stderr: (t: string) => void (stderr += t),
    env: { INVENTORY: '', DATABASE: '' },
    cwd: root,
  };
  const code = await runCli(args, io, ports);
  return { code, stdout, stderr };
}

/** The real bin as a process (tsx, process signals, exit code); `onStdout` may send the process a signal. */
function spawnCli(args: readonly string[], onStdout?: (soFar: string, signal: (s: NodeJS.Signals) => void) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, ...args], { cwd: root, env: { ...process.env, INVENTORY: '', DATABASE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// OpenSSH is covered by the SSH executor's own suite (src/adapters/ssh/); here the ssh2 test servers only.
describe('liferay-rollout plan/run against a 3-node local cluster (ssh2 test servers)', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110', sshServer: 'ssh2' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('plan prints the verdict and every step without touching a node', async () => {
    const r = await cli(['plan', '--inventory', env.inventoryPath, '--probe', '--', 'fixpack', 'install', 'dxp-14-7110', 'on', 'prod']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ELIGIBLE');
    expect(r.stdout).toContain('dxp-14-7110 directly follows installed dxp-13-7110');
    expect(r.stdout).toMatch(/\[node1\] stop node1[\s\S]*\[node2\] stop node2[\s\S]*\[node3\] stop node3/);
  });

  it('run refuses to start without --yes when not on a terminal', async () => {
    const r = await cli(['run', '--inventory', env.inventoryPath, '--', 'property', 'set', 'a.b=c', 'on', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
  });

  it('run carries a change out node by node and prints every step live', async () => {
    const r = await cli(['run', '--inventory', env.inventoryPath, '--yes', '--', 'fixpack', 'install', 'dxp-14-7110', 'on', 'prod']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/node1 +● healthy and back in the cluster[\s\S]*node2 +● healthy[\s\S]*node3 +● healthy/);
    expect(r.stdout).toContain('rollout SUCCEEDED');
    process.stdout.write(`\n----- liferay-rollout run (success) -----\n${r.stdout}\n`);
  });

  it('run --db reads where a fix pack revert goes back to from the store, as the bot does (after the install above)', async () => {
    const db = join(env.local.root, 'history.sqlite');
    const store = openSqliteRolloutStore(db);
    const install = { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: false } as const;
    store.create({ ...aRolloutRecord().withId('req-install-14').withRequest(install).withStatus('succeeded').build(), facts: { product: 'dxp-7.1', patches: ['dxp-13-7110'] } });
    store.close();
    env.addArtifact('liferay-fix-pack-dxp-13-7110.zip', 'fix pack 13');
    const revert = ['fixpack', 'revert', 'dxp-14-7110', 'on', 'prod', '--dry-run'];
    const withStore = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', ...revert]);
    expect(withStore.code, withStore.stdout + withStore.stderr).toBe(0);
    expect(withStore.stdout).toContain('goes back to dxp-13-7110');
    const without = await cli(['run', '--inventory', env.inventoryPath, '--yes', '--', ...revert]);
    expect(without.stdout).toContain('the fix pack level prod had before dxp-14-7110 is unknown');
  });

  it('run --db records the run (history, audit) and respects the one-rollout-per-cluster lock', async () => {
    const db = join(env.local.root, 'rollouts.sqlite');
    const r = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'property', 'set', 'recorded.run=1', 'on', 'prod']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recorded as cli-/);
    const status = await cli(['status', '--db', db, 'prod']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/none/);
    const history = await cli(['history', '--db', db, 'prod']);
    expect(history.stdout).toMatch(/succeeded +property set recorded\.run=1 on prod .*asked by cli:/);
    // A rollout the bot is running on prod: the terminal must not start another one.
    const store = openSqliteRolloutStore(db);
    const done = store.list({ limit: 1 })[0];
    if (done === undefined) throw new Error('nothing recorded');
    expect(store.auditTrail(done.id).map((a) => a.action)).toEqual(['requested', 'approved', 'rollout succeeded']);
    store.create({ ...done, id: 'req-bot-running', status: 'awaiting-approval', decidedBy: 'U0APPROVER' });
    const held = store.claim('req-bot-running', ['awaiting-approval'], { status: 'running' }, { owner: 'bot:ops@elsewhere:1', until: Date.now() + 600_000, now: Date.now() });
    expect(held.ok).toBe(true);
    store.close();
    const refused = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'property', 'set', 'recorded.run=2', 'on', 'prod']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('prod is busy');
    // Said before the nodes are probed (mid-change, they would only look as if they differ), with where to look.
    expect(refused.stderr).toMatch(/^liferay-rollout run: not started: prod is busy: .* is running \(rollout req-bot-running\)\. See it with liferay-rollout status prod\./);
    expect(refused.stdout).toBe('');
  });

  it('run stops at a failed step, restores the node and exits 1', async () => {
    env.addArtifact('liferay-hotfix-77-7110.zip', 'hotfix 77');
    await env.local.setFaults('node2', { patchInstallFails: 'ERROR: simulated corrupt patch file', patchInstallFailsTimes: 1 });
    const r = await cli(['run', '--inventory', env.inventoryPath, '--yes', '--', 'hotfix', 'install', 'hotfix-77-7110', 'on', 'prod']);
    await env.local.setFaults('node2', {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ FAILED');
    expect(r.stdout).toContain('node2');
    expect(r.stdout).toContain('node3 untouched');
    expect(r.stdout).toContain('node2 put back as it was and healthy');
    expect(r.stdout).toContain('exit code: 1');
    process.stdout.write(`\n----- liferay-rollout run (failure) -----\n${r.stdout}\n`);
  });

  it('a run --db that failed on node2 is finished from the terminal: resume, and history says who did what', async () => {
    const db = join(env.local.root, 'resume.sqlite');
    env.addArtifact('liferay-hotfix-91-7110.zip', 'hotfix 91');
    await env.local.setFaults('node2', { patchInstallFails: 'ERROR: simulated corrupt patch file', patchInstallFailsTimes: 1 });
    const failed = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'hotfix', 'install', 'hotfix-91-7110', 'on', 'prod']);
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    const id = /recorded as (cli-[a-z0-9-]+)/.exec(failed.stdout)?.[1] ?? '';
    expect(failed.stdout).toContain(`Go on with: liferay-rollout resume|retry|rollback|leave ${id}`);
    const status = await cli(['status', '--db', db, '--inventory', env.inventoryPath, 'prod']);
    expect(status.stdout).toMatch(/Nodes of prod now:\n {2}node1: running, healthy/);
    expect(status.stdout).toMatch(new RegExp(`failed +hotfix install hotfix-91-7110 on prod .*\\[${id}\\]`));
    // The cluster is held: another run is refused until someone decides.
    const refused = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'property', 'set', 'held.test=1', 'on', 'prod']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/prod is busy: `hotfix install hotfix-91-7110 on prod`.*is failed and waits for a decision/);

    const resumed = await cli(['resume', id, '--db', db, '--inventory', env.inventoryPath]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('resuming from node2');
    expect(resumed.stdout).toMatch(/Rollout cli-[a-z0-9-]+: succeeded/);
    for (const node of ['node1', 'node2', 'node3']) expect((await env.local.readState(node)).patches).toContain('hotfix-91-7110');
    const history = await cli(['history', '--db', db, '--json', 'prod']);
    const listed = (JSON.parse(history.stdout) as { rollouts: { id: string; status: string; actions: { action: string; actor: string }[] }[] }).rollouts.find((r) => r.id === id);
    expect(listed?.status).toBe('succeeded');
    expect(listed?.actions.map((a) => a.action)).toEqual(['requested', 'approved', 'rollout failed', 'resume', 'rollout succeeded']);
    const again = await cli(['resume', id, '--db', db, '--inventory', env.inventoryPath]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This rollout is succeeded: it cannot resume now');
  });

  // The same Ctrl-C in this process (signals by hand) and through the real bin (process signals, exit code).
  it.each([
    { how: 'in this process', key: 'ctrl.c', run: (args: readonly string[], on: (soFar: string, signal: (s: StopSignal) => void) => void) => cli(args, on) },
    { how: 'as a real process (the bin)', key: 'ctrl.process', run: (args: readonly string[], on: (soFar: string, signal: (s: StopSignal) => void) => void) => spawnCli(args, on) },
  ])('Ctrl-C on run --db ($how) pauses once the node in progress is back up, says where every node stands and exits 130; resume finishes', async ({ key, run }) => {
    const db = join(env.local.root, `${key}.sqlite`);
    let sent = false;
    const r = await run(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'property', 'set', `${key}=1`, 'on', 'prod'], (soFar, signal) => {
      if (!sent && /node2 +▶ stop node2/.test(soFar)) {
        sent = true;
        signal('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code, r.stdout + r.stderr).toBe(130);
    expect(r.stderr).toContain('SIGINT: pausing once the node in progress is back up');
    expect(r.stdout).toMatch(/rollout PAUSED in .*Where things stand: node1, node2 updated and healthy; node3 untouched/);
    for (const node of env.local.nodes) expect(env.local.isRunning(node.name)).toBe(true);
    const id = /recorded as (cli-[a-z0-9-]+)/.exec(r.stdout)?.[1] ?? '';
    const resumed = await cli(['resume', id, '--db', db, '--inventory', env.inventoryPath]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    for (const node of ['node1', 'node2', 'node3']) expect((await env.local.readState(node)).portalExt[key]).toBe('1');
  }, 180_000);

  it('a second Ctrl-C on run --db aborts: the node in progress is brought back up first, the run stops and exits 130; leave frees the cluster', async () => {
    const db = join(env.local.root, 'ctrl-c-abort.sqlite');
    let sent = 0;
    const r = await cli(['run', '--inventory', env.inventoryPath, '--db', db, '--yes', '--', 'property', 'set', 'ctrl.abort=1', 'on', 'prod'], (soFar, signal) => {
      if (sent === 0 && /node1 +▶ stop node1/.test(soFar)) {
        sent = 2;
        signal('SIGINT');
        signal('SIGINT');
      }
    });
    expect(sent).toBe(2);
    expect(r.code, r.stdout + r.stderr).toBe(130);
    expect(r.stderr).toContain('SIGINT: pausing once the node in progress is back up');
    expect(r.stderr).toContain('SIGINT: aborting after the current step; the node in progress is brought back up first');
    expect(r.stdout).toMatch(/rollout PAUSED in .*Aborted on request/);
    expect(r.stdout).toMatch(/node3 untouched/);
    for (const node of env.local.nodes) expect(env.local.isRunning(node.name)).toBe(true);
    expect((await env.local.readState('node3')).portalExt['ctrl.abort']).toBeUndefined();
    const id = /recorded as (cli-[a-z0-9-]+)/.exec(r.stdout)?.[1] ?? '';
    const left = await cli(['leave', id, '--db', db, '--inventory', env.inventoryPath]);
    expect(left.code, left.stdout + left.stderr).toBe(0);
    expect(left.stdout).toContain('Left as it is');
  }, 120_000);

});
