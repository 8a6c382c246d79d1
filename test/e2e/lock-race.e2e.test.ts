import { messageOf } from '../../src/domain/message-of.ts';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import type { RolloutStore } from '../../src/app/ports.ts';
import { CHANNEL, NAMES, PEOPLE } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses } from '../support/bot-process.ts';
import { watchDowntime } from '../support/down-watch.ts';
import { waitUntil } from '../support/local-cluster/wait-until.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { raceRecord } from '../support/race-record.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import { holdWriteLock } from '../support/store-faults.ts';
import { readClusterLocks, readStoredEvents, readStoredRollouts, waitForRollout } from '../support/store-watch.ts';
import { ifSet } from '../support/if-set.ts';
import { stringField } from '../support/string-field.ts';

/**
 * The one-rollout-per-cluster lock is atomic across processes. Two OS processes (the claim worker,
 * through the real SQLite store, the way the approval and `liferay-rollout run --db` take it) ask
 * for the same cluster for different requests at the same moment, while a third connection holds
 * the write lock for ~300 ms: both see the cluster free before they write (the window in which a
 * check-then-write let both through), both wait, and when the lock is let go exactly one wins and
 * the other is told the cluster is busy, naming the winner. Then the same with the real things: a
 * CLI `run --db` and an approval in the bot process, started together.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = join(ROOT, 'test', 'support', 'claim-worker.ts');
const TRIALS = 8;
const HOLD_MS = 300;

type Json = Record<string, unknown>;

interface Worker {
  readonly pid: number;
  send(line: string): void;
  /** The first line (already read or future) that matches; rejects on timeout or exit. */
  next(predicate: (line: Json) => boolean, timeoutMs?: number): Promise<Json>;
  stop(): Promise<void>;
}

function startWorker(dbPath: string): Worker {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', WORKER, dbPath], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Json[] = [];
  const taken = new Set<Json>();
  let stderr = '';
  let pending = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    for (const raw of parts) if (raw.trim() !== '') lines.push(JSON.parse(raw) as Json);
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let exited = false;
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      exited = true;
      for (const wake of waiters) wake();
      resolve();
    }),
  );
  return {
    pid: child.pid ?? -1,
    send: (line) => child.stdin.write(`${line}\n`),
    next: (predicate, timeoutMs = 120_000) =>
      new Promise<Json>((resolve, reject) => {
        const check = (): void => {
          const found = lines.find((l) => !taken.has(l) && predicate(l));
          if (found !== undefined) {
            taken.add(found);
            done();
            resolve(found);
          } else if (exited) {
            done();
            reject(new Error(`claim worker ${child.pid} exited; stderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`claim worker ${child.pid}: no matching line within ${timeoutMs} ms; lines: ${JSON.stringify(lines.slice(-4))}; stderr: ${stderr}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      if (!exited) {
        child.stdin.end('exit\n');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await closed;
        clearTimeout(timer);
      }
    },
  };
}

describe(`the cluster lock between two processes: ${TRIALS} of ${TRIALS} races have exactly one winner`, () => {
  let dir: string;
  let dbPath: string;
  let store: RolloutStore;
  let workers: Worker[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lock-race-'));
    dbPath = join(dir, 'rollouts.sqlite');
    store = openSqliteRolloutStore(dbPath);
    workers = [startWorker(dbPath), startWorker(dbPath)];
    await Promise.all(workers.map((w) => w.next((l) => l['ready'] === true, 180_000)));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    ifSet(store)?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each race while a third connection holds the write lock: one claim wins, the other is busy and names it', async () => {
    const [a, b] = workers;
    if (a === undefined || b === undefined) throw new Error('no workers');
    const wins: Record<string, number> = { 'worker A': 0, 'worker B': 0 };
    const began = Date.now();
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Even trials: two approvals of two requests. Odd ones: an approval against a CLI run (recordCliRun), sides swapped every other time.
      const cliSide = trial % 2 === 0 ? undefined : trial % 4 === 1 ? 'B' : 'A';
      const contenders = (['A', 'B'] as const).map((side) => {
        const text = `property set race.${trial}.${side.toLowerCase()}=1 on prod`;
        if (side === cliSide) return { side, worker: side === 'A' ? a : b, text, command: `cli ${text}`, tag: 'property' };
        const id = `req-race-${trial}-${side.toLowerCase()}`;
        store.create(raceRecord(id, text));
        return { side, worker: side === 'A' ? a : b, text, command: `approve ${id}`, tag: id };
      });

      const lock = holdWriteLock(dbPath);
      const heldAt = Date.now();
      for (const c of contenders) c.worker.send(c.command);
      await Promise.all(contenders.map((c) => c.worker.next((l) => l['begun'] === c.tag)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, HOLD_MS - (Date.now() - heldAt))));
      lock.release();
      const outcomes = await Promise.all(contenders.map(async (c) => ({ ...c, result: await c.worker.next((l) => l['done'] === c.tag) })));

      const label = `trial ${trial} (${cliSide === undefined ? 'approval vs approval' : `approval vs CLI on ${cliSide}`}): ${JSON.stringify(outcomes.map((o) => o.result))}`;
      // Both looked while the write lock was held and saw the cluster free: a check-then-write would have let both through.
      expect(outcomes.map((o) => o.result['freeBefore']), label).toEqual([true, true]);
      const winners = outcomes.filter((o) => o.result['ok'] === true);
      expect(winners, label).toHaveLength(1);
      const winner = winners[0];
      const loser = outcomes.find((o) => o.result['ok'] !== true);
      if (winner === undefined || loser === undefined) throw new Error(label);
      const winnerId = String(winner.result['rolloutId']);
      expect(loser.result['reason'], label).toBe('busy');
      expect(loser.result['holder'], label).toBe(winnerId);
      expect(String(loser.result['message']), label).toContain('prod is busy');
      expect(String(loser.result['message']), label).toContain(`\`${winner.text}\``);
      // The file agrees: one lock, the winner's, owned by the winner's process; the loser is not approved.
      const locks = store.locks();
      expect(locks.map((l) => l.rolloutId), label).toEqual([winnerId]);
      expect(locks[0]?.owner, label).toMatch(new RegExp(`:${winner.worker.pid}$`));
      const loserRecords = store.list({}).filter((r) => r.requestText === loser.text);
      expect(loserRecords.map((r) => r.status), label).toEqual([loser.side === cliSide ? 'superseded' : 'awaiting-approval']);
      wins[`worker ${winner.side}`] = (wins[`worker ${winner.side}`] ?? 0) + 1;

      // Free the cluster for the next trial, as the winner's run would at its end.
      const now = Date.now();
      expect(store.release(winnerId, locks[0]?.owner, ['approved'], { status: 'succeeded', updatedAt: new Date(now).toISOString() }, true, now)).toBeDefined();
      expect(store.locks()).toEqual([]);
    }
    console.log(`[lock race] ${TRIALS} trials in ${Date.now() - began} ms, each with the write lock held ${HOLD_MS} ms; wins: ${JSON.stringify(wins)}`);
  }, 300_000);
});

describe('the real things started together: a CLI run --db and an approval in the bot process', () => {
  let rollout: LocalRollout | undefined;
  let fake: FakeSlackApi | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await stopAllBotProcesses();
    await fake?.close();
    await rollout?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('exactly one runs (never two nodes down, portal-ext.properties has one change), the other is refused: is busy', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lock-race-real-'));
    const dbPath = join(dir, 'rollouts.sqlite');
    rollout = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110', startupMs: 800, shutdownMs: 300 });
    fake = await startFakeSlackApi({ users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
    const r = rollout;
    const f = fake;
    const bot = await startBotProcess({ rollout: r, fake: f, dbPath });
    expect((await bot.slash('property set race.owner=bot on prod', PEOPLE.requester)).status).toBe(200);
    const message = await waitUntil(() => f.channelHistory(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes(`"action_id":"${ACTION_IDS.approve}"`)), {
      timeoutMs: 120_000,
      what: 'the verdict message with an Approve button',
    });
    // The bot stores the message's ts once chat.postMessage has answered: wait for it rather than read too early.
    const requestId = await waitUntil(() => readStoredRollouts(dbPath).find((x) => x.messageTs === message.ts)?.id, { timeoutMs: 60_000, what: 'the request recorded with its message' });

    const downtime = watchDowntime(r, 25);
    // Together: the terminal's run (it probes the nodes, then records and claims) and the click (the bot probes again, then claims).
    const cli = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'bin', 'liferay-rollout.js'), 'run', '--inventory', r.inventoryPath, '--db', dbPath, '--yes', '--', 'property', 'set', 'race.owner=cli', 'on', 'prod'], {
        cwd: ROOT,
        env: { ...process.env, INVENTORY: '', DATABASE: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
    const click = bot.click(message, ACTION_IDS.approve, PEOPLE.approver);
    expect((await click).status).toBe(200);

    // The bot's side ends with a rollout that ran to its end, or without running: an ephemeral refusal to
    // the approver (the cluster is busy, or its nodes could not be probed while the CLI had one down), or
    // the request superseded because the nodes changed under it (the CLI's run came first and finished).
    const botSide = await waitUntil(
      () => {
        const refused = f.calls('chat.postEphemeral').find((c) => c.args['user'] === PEOPLE.approver);
        if (refused !== undefined) return { ran: false, text: stringField(refused.args, 'text') };
        const record = readStoredRollouts(dbPath).find((x) => x.id === requestId);
        if (record?.status === 'superseded') return { ran: false, text: 'superseded: the cluster changed since the verdict' };
        return record !== undefined && ['succeeded', 'failed', 'paused', 'interrupted'].includes(record.status) ? { ran: true, text: record.status } : undefined;
      },
      { timeoutMs: 240_000, what: "the bot's side settled (run, refused or superseded)" },
    ).catch((error: unknown) => {
      // What the bot did instead, for whoever reads the failure.
      const calls = f.calls().map((c) => `${c.method}${c.args['user'] === undefined ? '' : `(${stringField(c.args, 'user')})`}: ${stringField(c.args, 'text').slice(0, 160)}`);
      const logs = bot.logs().map((l) => l.raw.slice(0, 400));
      const records = readStoredRollouts(dbPath).map((x) => `${x.id} ${x.status}`);
      throw new Error(`${messageOf(error)}\nrecords: ${records.join(', ')}\nSlack calls:\n${calls.join('\n')}\nbot log:\n${logs.slice(-40).join('\n')}`);
    });
    const cliSide = await cli;
    const down = downtime.stop();
    const records = readStoredRollouts(dbPath);
    const ran = records.filter((x) => x.status === 'succeeded');
    console.log(
      `[real race] bot ${botSide.ran ? `ran it (${botSide.text})` : `refused: ${botSide.text}`}; CLI exit ${cliSide.code}: ${cliSide.code === 0 ? 'ran it' : cliSide.stderr.trim()}; ` +
        `records: ${records.map((x) => `${x.id} ${x.status}`).join(', ')} (a loser refused before recording has none); most nodes down at once: ${down.maxDownAtOnce}; stops per node: ${JSON.stringify(down.stops)}`,
    );

    expect([botSide.ran, cliSide.code === 0].filter(Boolean), 'exactly one of the two ran').toHaveLength(1);
    expect(ran, 'one succeeded rollout').toHaveLength(1);
    if (botSide.ran) {
      expect(cliSide.code).toBe(1);
      expect(cliSide.stderr).toMatch(/liferay-rollout run: not started: prod is busy: `property set race\.owner=bot on prod`/);
      // Refused by its look at the locks before recording (no record), or by the claim itself (its record superseded).
      for (const x of records.filter((y) => y.requestedBy.startsWith('cli:'))) expect(x.status).toBe('superseded');
    } else {
      expect(botSide.text).toMatch(/prod is busy: `property set race\.owner=cli on prod`|^Not started: |^superseded: /);
      expect(cliSide.stdout).toContain('rollout SUCCEEDED');
      expect(records.find((x) => x.id === requestId)?.status).toBe(botSide.text.startsWith('superseded') ? 'superseded' : 'awaiting-approval');
    }
    // The nodes: one node down at a time, each stopped once, and every portal-ext.properties holds the winner's value only.
    expect(down.maxDownAtOnce).toBe(1);
    expect(down.stops).toEqual({ node1: 1, node2: 1, node3: 1 });
    const value = botSide.ran ? 'bot' : 'cli';
    for (const node of r.local.nodes) {
      const state = await r.local.readState(node.name);
      expect(state.portalExt['race.owner'], node.name).toBe(value);
      expect(r.local.isRunning(node.name)).toBe(true);
    }
    const winner = ran[0];
    if (winner === undefined) throw new Error('no winner');
    const events = readStoredEvents(dbPath, winner.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(readClusterLocks(dbPath)).toEqual([]);
    // Whoever lost never got as far as a rollout: no events stored for the other request.
    const losers = records.filter((x) => x.id !== winner.id);
    for (const loser of losers) expect(readStoredEvents(dbPath, loser.id)).toEqual([]);
    await waitForRollout(dbPath, (x) => x.id === winner.id && x.status === 'succeeded');
  }, 600_000);
});
