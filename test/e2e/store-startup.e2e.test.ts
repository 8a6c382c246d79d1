import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import { CodedError } from '../../src/domain/coded-error.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';
import { rolloutEvents } from '../builders/rollout-events.ts';
import { CHANNEL, NAMES, PEOPLE, SIGNING_SECRET } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses, type BotProcess } from '../support/bot-process.ts';
import { freePort } from '../support/local-cluster/free-port.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import { chattrUnavailable, checkpointAndClose, makeImmutable, overwritePages } from '../support/store-faults.ts';
import { ifSet } from '../support/if-set.ts';
import { stringField } from '../support/string-field.ts';

/**
 * Start-up and a damaged store: the bot refuses a file it cannot trust or cannot write with one line
 * (before it takes a single request, not in the middle of a rollout), and one unreadable row never
 * stops it. Real SQLite files, the real bot process (`node --import tsx src/main.ts`).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src', 'main.ts');

let rollout: LocalRollout;
let fake: FakeSlackApi;
let dir: string | undefined;
const undo: (() => void)[] = [];

beforeAll(async () => {
  rollout = await startLocalRollout({ nodes: 1, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
  fake = await startFakeSlackApi({ users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
});

afterEach(async () => {
  await stopAllBotProcesses();
  for (const step of undo.splice(0).reverse()) step();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await ifSet(fake)?.close();
  await ifSet(rollout)?.stop();
});

const freshDb = (): string => {
  dir = mkdtempSync(join(tmpdir(), 'store-startup-'));
  return join(dir, 'rollouts.sqlite');
};

/** A record that finished long ago: `property set seed.<i>=…`, with its events and audit trail. */
const finished = (i: number): RolloutRecord => {
  const base = aRolloutRecord()
    .withId(`r-seed-${String(i).padStart(3, '0')}`)
    .requestedAt(new Date(Date.UTC(2025, 0, 1, 8, 0, i)).toISOString())
    .decided(PEOPLE.approver, new Date(Date.UTC(2025, 0, 1, 8, 1, i)).toISOString())
    .withStatus('succeeded')
    .build();
  return { ...base, requestText: `property set seed.${i}=on on prod` };
};

/** Fills a store the way the bot would have: `count` finished rollouts with their events and audit. */
function seed(dbPath: string, count: number): RolloutRecord[] {
  const store = openSqliteRolloutStore(dbPath);
  const records = Array.from({ length: count }, (_, i) => finished(i));
  for (const record of records) {
    if (record.plan === undefined) throw new Error('no plan');
    store.create(record);
    for (const event of rolloutEvents(record.plan)) store.appendEvent(record.id, event);
    store.audit({ at: record.updatedAt, rolloutId: record.id, actor: 'bot', action: 'rollout succeeded', detail: ['seeded'] });
  }
  store.close();
  return records;
}

/** Writes straight into the file, past the store (and past the CHECK (json_valid(body)) constraints). */
function raw(dbPath: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('ignore_check_constraints = ON');
  const changed = db.prepare(sql).run(...params).changes;
  db.close();
  if (changed !== 1) throw new Error(`expected one row changed by ${sql}, got ${changed}`);
}

const caught = (fn: () => unknown): CodedError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodedError) return error;
    throw new Error(`not a CodedError: ${String(error)}`);
  }
  throw new Error('did not throw');
};

/** The bot's environment (as bot-process.ts builds it) for a start that is expected to fail before Slack. */
async function startExpectingExit(dbPath: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('SLACK_') && !['INVENTORY', 'PORT', 'DATABASE', 'CATALOG', 'LOG_LEVEL'].includes(e[0])),
  );
  const env = { ...clean, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(await freePort()), INVENTORY: rollout.inventoryPath, DATABASE: dbPath, SLACK_API_URL: fake.url };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}

/** The refusal main.ts prints: a header, exactly one problem line (returned), the pointer to the examples, and nothing else. */
function oneProblemLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toBe('liferay-rollout bot: cannot start (1 problem):');
  expect(lines).toHaveLength(3);
  expect(lines[2]).toBe('See .env.example and inventory.example.yml.');
  const problem = lines[1] ?? '';
  expect(problem.startsWith('  - ')).toBe(true);
  expect(stderr).not.toMatch(/^\s+at /m);
  return problem.slice(4);
}

const chattrSkip = chattrUnavailable();

describe('start-up refuses a store it cannot trust or write, with one line', () => {
  it('pages overwritten with garbage (the header kept, so the file opens): store_unavailable naming quick_check; the bot exits 1', async () => {
    const dbPath = freshDb();
    seed(dbPath, 40);
    checkpointAndClose(dbPath);
    const probe = new Database(dbPath, { readonly: true });
    const pageCount = probe.pragma('page_count', { simple: true }) as number;
    expect(probe.pragma('quick_check', { simple: true })).toBe('ok');
    probe.close();
    const from = Math.floor(pageCount / 2);
    overwritePages(dbPath, { from, to: from + 3 });

    const error = caught(() => openSqliteRolloutStore(dbPath));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(dbPath);
    expect(error.message).toMatch(/the file is damaged \(quick_check: .+\): restore it from a backup$/);
    // The finding itself, not quick_check's heading line.
    expect(error.message).not.toContain('*** in database');

    const exit = await startExpectingExit(dbPath);
    expect(exit.code, exit.stderr).toBe(1);
    const problem = oneProblemLine(exit.stderr);
    expect(problem).toBe(error.message);
    expect(exit.stdout).not.toContain('liferay-rollout bot started');
    console.log(`[damaged pages ${from}..${from + 3} of ${pageCount}] ${exit.stderr.trimEnd()}`);
  });

  it.skipIf(chattrSkip !== undefined)(`an immutable file (chattr +i): store_unavailable, the file cannot be written; the bot exits 1${chattrSkip === undefined ? '' : ` (skipped: ${chattrSkip})`}`, async () => {
    const dbPath = freshDb();
    seed(dbPath, 3);
    checkpointAndClose(dbPath);
    undo.push(makeImmutable([dbPath]));

    const error = caught(() => openSqliteRolloutStore(dbPath));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(new RegExp(`^cannot open the rollout store at ${dbPath.replaceAll('/', '\\/')}: the file cannot be written \\(.+\\): check its permissions, attributes and free disk$`));

    const exit = await startExpectingExit(dbPath);
    expect(exit.code, exit.stderr).toBe(1);
    expect(oneProblemLine(exit.stderr)).toBe(error.message);
    console.log(`[immutable] ${exit.stderr.trimEnd()}`);
  });
});

/** How a row is made unreadable, and whether history still lists its rollout. */
interface BadRow {
  readonly name: string;
  readonly damage: (dbPath: string, victim: RolloutRecord) => void;
  /** The victim holds the cluster lock (a running rollout of a process that is gone). */
  readonly locked?: boolean;
  readonly victimListed: boolean;
}

const BAD_ROWS: readonly BadRow[] = [
  { name: 'a finished rollout whose body is not JSON', damage: (db, v) => raw(db, 'UPDATE rollouts SET body = ? WHERE id = ?', '{"id": "truncated', v.id), victimListed: false },
  { name: 'a finished rollout whose body is JSON of the wrong shape', damage: (db, v) => raw(db, 'UPDATE rollouts SET body = ? WHERE id = ?', JSON.stringify({ id: v.id, status: 42 }), v.id), victimListed: false },
  {
    name: 'a running rollout holding the cluster lock whose body is not JSON (start-up recovery meets it)',
    locked: true,
    damage: (db, v) => raw(db, 'UPDATE rollouts SET body = ? WHERE id = ?', 'garbage', v.id),
    victimListed: false,
  },
  { name: 'one stored event of a finished rollout that is not JSON', damage: (db, v) => raw(db, 'UPDATE rollout_events SET body = ? WHERE rollout_id = ? AND seq = 3', '{{{', v.id), victimListed: true },
];

/** `/liferay <text>`; resolves with the text of the response the bot posted to its response_url. */
async function ask(bot: BotProcess, text: string): Promise<string> {
  const before = fake.responses().length;
  expect((await bot.slash(text, PEOPLE.requester)).status).toBe(200);
  const answer = await fake.waitFor((c) => c.method === 'response_url' && fake.responses().indexOf(c) >= before && !stringField(c.args, 'text').startsWith('⏳'), 30_000);
  return JSON.stringify(answer.args);
}

describe('one bad stored row never stops the bot', () => {
  it.each(BAD_ROWS)('$name: the bot starts and /liferay history answers', async (bad) => {
    const dbPath = freshDb();
    const records = seed(dbPath, 4);
    const victim = records[1];
    if (victim === undefined) throw new Error('no victim');
    if (bad.locked === true) {
      const store = openSqliteRolloutStore(dbPath);
      store.update(victim.id, ['succeeded'], { status: 'awaiting-approval' });
      const now = Date.now();
      // Its owner was a process on this host that is gone: recovery would take it over if it could read it.
      const claimed = store.claim(victim.id, ['awaiting-approval'], { status: 'running' }, { owner: 'bot:root@nowhere-host:1', until: now - 1, now });
      expect(claimed.ok).toBe(true);
      store.close();
    }
    bad.damage(dbPath, victim);

    const bot = await startBotProcess({ rollout, fake, dbPath });
    const history = await ask(bot, 'history prod');
    for (const r of records) {
      if (r.id === victim.id) expect(history.includes(r.requestText), `history lists ${r.requestText}`).toBe(bad.victimListed);
      else expect(history, `history lists ${r.requestText}`).toContain(r.requestText);
    }
    const status = await ask(bot, 'status prod');
    expect(status).toContain('Open and running requests on prod');
    expect(bot.exitStatus()).toBeUndefined();
    const fatal = bot.logs().filter((l) => Number(l.json?.['level']) >= 60 || (l.json === undefined && l.raw.trim() !== ''));
    expect(fatal.map((l) => l.raw)).toEqual([]);
    const errors = bot.logs().filter((l) => Number(l.json?.['level']) >= 50);
    if (bad.locked === true) expect(errors.map((l) => l.json?.['msg'])).toEqual(['a stored rollout cannot be read: it is left out of recovery']);
    else expect(errors.map((l) => l.raw)).toEqual([]);
    console.log(`[${bad.name}] started; errors logged: ${errors.map((l) => `${String(l.json?.['msg'])} (${String(l.json?.['err'])})`).join(' | ') || 'none'}`);
  });
});
