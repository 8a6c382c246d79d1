import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, NAMES, PEOPLE } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses } from '../support/bot-process.ts';
import { watchDowntime } from '../support/down-watch.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import { readClusterLocks, readStoredEvents, readStoredRollouts, waitForRollout, waitForStepStarted } from '../support/store-watch.ts';

/**
 * A bot (re)started while `liferay-rollout run --db` carries out a rollout on the same database: its
 * start-up recovery, and every recovery tick after it, finds the rollout owned by a live process with
 * a live lease and leaves it alone. It touches no node; the CLI run finishes by itself, its events
 * one gapless sequence, the lock released.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LEFT_ALONE_MSG = 'rollout run by a live process elsewhere: left alone';

let rollout: LocalRollout | undefined;
let fake: FakeSlackApi | undefined;
let dir: string | undefined;
let killCli: (() => void) | undefined;

afterEach(async () => {
  killCli?.();
  await stopAllBotProcesses();
  await fake?.close();
  await rollout?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a bot restart during a live CLI run', () => {
  it('leaves the run alone: no node touched by the bot, the CLI run succeeds with its events contiguous', async () => {
    dir = mkdtempSync(join(tmpdir(), 'live-cli-run-'));
    const dbPath = join(dir, 'rollouts.sqlite');
    rollout = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110', startupMs: 1500, shutdownMs: 300 });
    fake = await startFakeSlackApi({ users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
    const r = rollout;
    const downtime = watchDowntime(r, 25);

    const cli = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'bin', 'liferay-rollout.js'), 'run', '--inventory', r.inventoryPath, '--db', dbPath, '--yes', '--', 'property', 'set', 'live.cli=1', 'on', 'prod'], {
      cwd: ROOT,
      env: { ...process.env, INVENTORY: '', DATABASE: '', LEASE_SECONDS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killCli = () => {
      if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
    };
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const cliExit = new Promise<number | null>((resolve) => cli.once('close', (code) => resolve(code)));

    // The CLI run is live: recorded, running, and at work on node1.
    const running = await waitForRollout(dbPath, (x) => x.status === 'running', { timeoutMs: 60_000, what: 'the CLI run recorded as running' });
    await waitForStepStarted(dbPath, 'node1/stop', { timeoutMs: 30_000 });
    const cliOwner = readClusterLocks(dbPath)[0]?.owner ?? '';
    expect(cliOwner).toMatch(new RegExp(`^cli:.+:${cli.pid}$`));

    // The bot starts on the same file, with a short lease so its recovery ticks every 2 s while the CLI runs.
    const bot = await startBotProcess({ rollout: r, fake, dbPath, env: { LEASE_SECONDS: '2' } });
    const owners = new Set<string>();
    const sampler = setInterval(() => {
      for (const l of readClusterLocks(dbPath)) owners.add(l.owner ?? 'none');
    }, 50);
    const firstLeftAlone = await bot.waitForLog((l) => l.json?.['msg'] === LEFT_ALONE_MSG, 10_000);
    expect(firstLeftAlone.json?.['rolloutId']).toBe(running.id);
    expect(firstLeftAlone.json?.['owner']).toBe(cliOwner);
    // Still running when the bot looked again (a recovery tick, not only the start-up one).
    await bot.waitForLog((l) => l.json?.['msg'] === LEFT_ALONE_MSG && l !== firstLeftAlone, 10_000);
    const stillRunning = readStoredRollouts(dbPath).find((x) => x.id === running.id);

    const code = await cliExit;
    clearInterval(sampler);
    const down = downtime.stop();
    const record = readStoredRollouts(dbPath).find((x) => x.id === running.id);
    const events = readStoredEvents(dbPath, running.id);
    const leftAlone = bot.logs().filter((l) => l.json?.['msg'] === LEFT_ALONE_MSG).length;
    console.log(
      `[live CLI run] bot started while ${running.id} ran (owner ${cliOwner}); "left alone" logged ${leftAlone} times; lock owners seen: ${[...owners].join(', ')}; ` +
        `CLI exit ${code}; record ${record?.status}; ${events.length} events; nodes: most down at once ${down.maxDownAtOnce}, stops ${JSON.stringify(down.stops)}`,
    );
    expect(stillRunning?.status).toBe('running');
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain('rollout SUCCEEDED');
    expect(record?.status).toBe('succeeded');
    // One run wrote every event: numbered without a gap, one start, one end, no restart account, no take-over.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'RolloutStarted')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('RolloutDone');
    expect(events.filter((e) => e.type === 'RolloutInterrupted' || e.type === 'RolloutResumed' || e.type === 'RunStopping')).toEqual([]);
    // Nobody but the CLI ever owned it; the bot took nothing over and posted nothing.
    expect([...owners].filter((o) => o !== cliOwner)).toEqual([]);
    expect(bot.logs().filter((l) => l.json?.['msg'] === 'taking over an interrupted rollout' || l.json?.['msg'] === 'rollout run ended')).toEqual([]);
    expect(fake.calls('chat.postMessage')).toEqual([]);
    expect(bot.logs().filter((l) => Number(l.json?.['level']) >= 50)).toEqual([]);
    // The nodes: the CLI's rolling restart only (each node stopped once, never two down), every node at the value.
    expect(down.maxDownAtOnce).toBe(1);
    expect(down.stops).toEqual({ node1: 1, node2: 1, node3: 1 });
    for (const node of r.local.nodes) {
      expect(r.local.isRunning(node.name)).toBe(true);
      expect((await r.local.readState(node.name)).portalExt['live.cli']).toBe('1');
    }
    expect(readClusterLocks(dbPath)).toEqual([]);
    expect(bot.exitStatus()).toBeUndefined();
  }, 180_000);
});
