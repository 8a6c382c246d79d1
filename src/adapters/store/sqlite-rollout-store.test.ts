import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import type { RolloutStore } from '../../app/ports.ts';
import { CodedError } from '../../domain/coded-error.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { openSqliteRolloutStore } from './sqlite-rollout-store.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storeModule = fileURLToPath(new URL('./sqlite-rollout-store.ts', import.meta.url));

const events: readonly RolloutEvent[] = [
  { type: 'RolloutStarted', at: '2025-03-04T10:00:00.000Z', planHash: 'abc', nodes: ['node1', 'node2'] },
  { type: 'StepStarted', at: '2025-03-04T10:00:01.000Z', stepId: 'node1/stop', kind: 'stop', purpose: 'rollout', node: 'node1', title: 'stop node1' },
  { type: 'StepSucceeded', at: '2025-03-04T10:00:31.000Z', stepId: 'node1/stop', kind: 'stop', purpose: 'rollout', node: 'node1', durationMs: 30_000, detail: 'stopped' },
];

function caught(fn: () => unknown): CodedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodedError) return error;
    throw error;
  }
  throw new Error('expected a CodedError, nothing was thrown');
}

describe('openSqliteRolloutStore', () => {
  let dir: string;
  let file: string;
  const open: RolloutStore[] = [];
  const openStore = (at = file): RolloutStore => {
    const store = openSqliteRolloutStore(at);
    open.push(store);
    return store;
  };
  /** A plain connection beside the store's, to look at or tamper with the file. */
  const raw = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-rollout-store-'));
    file = path.join(dir, 'rollouts.sqlite');
  });

  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the state across close and reopen (a bot restart)', () => {
    const first = openStore();
    const record = aRolloutRecord().build();
    first.create(record);
    const approved = first.update(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: 'U0456BOB', decidedAt: '2025-03-04T09:31:00.000Z' });
    first.update(record.id, ['approved'], { status: 'running', updatedAt: '2025-03-04T10:00:00.000Z' });
    for (const event of events) first.appendEvent(record.id, event);
    first.audit({ at: '2025-03-04T09:31:00.000Z', rolloutId: record.id, actor: 'U0456BOB', action: 'approve', detail: ['plan abc ', { user: 'U0456BOB' }] });
    first.close();

    const afterRestart = openStore();
    expect(afterRestart.get(record.id)).toStrictEqual({ ...approved, status: 'running', updatedAt: '2025-03-04T10:00:00.000Z' });
    expect(afterRestart.list({ statuses: ['running'] }).map((r) => r.id)).toEqual([record.id]);
    expect(afterRestart.events(record.id)).toStrictEqual(events);
    expect(afterRestart.appendEvent(record.id, { type: 'RolloutInterrupted', at: '2025-03-04T11:00:00.000Z', summary: ['restarted'] })).toBe(events.length + 1);
    expect(afterRestart.auditTrail(record.id)).toStrictEqual([{ at: '2025-03-04T09:31:00.000Z', rolloutId: record.id, actor: 'U0456BOB', action: 'approve', detail: ['plan abc ', { user: 'U0456BOB' }] }]);
  });

  it('a second connection sees committed events and records at once', () => {
    const writer = openStore();
    const reader = openStore();
    const record = aRolloutRecord().build();
    writer.create(record);
    expect(reader.get(record.id)).toEqual(record);
    events.forEach((event, i) => {
      writer.appendEvent(record.id, event);
      expect(reader.events(record.id)).toStrictEqual(events.slice(0, i + 1));
    });
    expect(reader.appendEvent(record.id, { type: 'NodeDone', at: '2025-03-04T10:07:00.000Z', node: 'node1', durationMs: 1 })).toBe(events.length + 1);
    expect(writer.events(record.id)).toHaveLength(events.length + 1);
  });

  it('four processes approving at once: exactly one wins', async () => {
    const setup = openStore();
    const record = aRolloutRecord().build();
    setup.create(record);
    const script = `
      import { openSqliteRolloutStore } from ${JSON.stringify(storeModule)};
      const store = openSqliteRolloutStore(process.env.STORE_FILE);
      const wait = Number(process.env.START_AT) - Date.now();
      if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
      const won = store.update(process.env.RECORD_ID, ['awaiting-approval'], { status: 'approved', decidedBy: process.env.ME, decidedAt: new Date().toISOString() });
      store.close();
      process.stdout.write(won === undefined ? 'lost' : 'won');
    `;
    const startAt = String(Date.now() + 3_000);
    const approvers = ['U01', 'U02', 'U03', 'U04'];
    const outputs = await Promise.all(
      approvers.map((me) =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          cwd: repoRoot,
          env: { ...process.env, STORE_FILE: file, START_AT: startAt, RECORD_ID: record.id, ME: me },
        }),
      ),
    );
    const results = outputs.map((o) => o.stdout.trim());
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'lost')).toHaveLength(3);
    const winner = approvers[results.indexOf('won')];
    expect(setup.get(record.id)).toMatchObject({ status: 'approved', decidedBy: winner });
  });

  it('uses write-ahead logging', () => {
    openStore();
    expect(raw((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  describe('refuses to open (store_unavailable, one line naming the path)', () => {
    it.each([
      ['a folder that does not exist', (d: string) => path.join(d, 'missing', 'rollouts.sqlite')],
      ['a path below a regular file', (d: string) => (fs.writeFileSync(path.join(d, 'plain'), 'x'), path.join(d, 'plain', 'rollouts.sqlite'))],
      ['a folder', (d: string) => d],
    ])('%s', (_, pathIn) => {
      const target = pathIn(dir);
      const error = caught(() => openStore(target));
      expect(error.code).toBe('store_unavailable');
      expect(error.message).toContain(target);
      expect(error.message).not.toContain('\n');
    });

    it.each([
      ['random bytes', randomBytes(8192)],
      ['a text file', Buffer.from('inventory:\n  prod:\n    nodes: []\n'.repeat(200))],
    ])('a file of %s, which it leaves untouched', (_, content) => {
      fs.writeFileSync(file, content);
      const error = caught(() => openStore());
      expect(error.code).toBe('store_unavailable');
      expect(error.message).toBe(`cannot open the rollout store at ${file}: file is not a database`);
      expect(fs.readFileSync(file).equals(content)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    });

    it('a file whose schema is newer than this code', () => {
      openStore().close();
      raw((db) => db.pragma('user_version = 99'));
      const error = caught(() => openStore());
      expect(error.code).toBe('store_unavailable');
      expect(error.message).toContain(file);
      expect(error.message).toContain('schema version 99 is newer');
    });
  });

  it('reads the audit rows of an older bot (plain text, Slack mentions in it) and stores new ones channel-neutral', () => {
    const store = openStore();
    const record = aRolloutRecord().build();
    store.create(record);
    raw((db) =>
      db
        .prepare('INSERT INTO audit (rollout_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)')
        .run(record.id, '2025-03-04T09:30:00.000Z', 'U0456BOB', 'approval refused', 'Already approved by <@U0123ANA> (group <!subteam^S0001>)'),
    );
    store.audit({ at: '2025-03-04T09:31:00.000Z', rolloutId: record.id, actor: 'bot', action: 'rollout failed', detail: ['Way back: ', { command: 'fixpack revert dxp-17-7110 on prod' }] });
    expect(store.auditTrail(record.id).map((a) => a.detail)).toEqual([
      ['Already approved by ', { user: 'U0123ANA' }, ' (group ', { group: 'S0001' }, ')'],
      ['Way back: ', { command: 'fixpack revert dxp-17-7110 on prod' }],
    ]);
    // The plain column keeps the words for people reading the file: no Slack markup in it.
    expect(raw((db) => db.prepare('SELECT detail FROM audit ORDER BY id DESC LIMIT 1').pluck().get())).toBe('Way back: fixpack revert dxp-17-7110 on prod');
  });

  it('gives the records of an older bot their request kind', () => {
    const store = openStore();
    const fixpack = aRolloutRecord().withId('f1').withRequest({ kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: false }).build();
    const property = aRolloutRecord().withId('p1').build();
    store.create(fixpack);
    store.create(property);
    store.close();
    // The file as the bot before the kind column left it.
    raw((db) => db.exec('DROP INDEX rollouts_by_kind; ALTER TABLE rollouts DROP COLUMN kind; PRAGMA user_version = 3;'));
    const again = openStore();
    expect(again.list({ kinds: ['fixpack'] })).toStrictEqual([fixpack]);
    expect(again.list({ kinds: ['property'] })).toStrictEqual([property]);
  });

  it('migrates once: reopening changes neither the schema nor the data', () => {
    const first = openStore();
    const record = aRolloutRecord().build();
    first.create(record);
    first.appendEvent(record.id, events[0] as RolloutEvent);
    first.close();
    const schema = (): unknown => raw((db) => ({ version: db.pragma('user_version', { simple: true }), objects: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() }));
    const before = schema();
    expect(before).toMatchObject({ version: 4 });
    for (let i = 0; i < 3; i += 1) {
      const again = openStore();
      expect(again.get(record.id)).toStrictEqual(record);
      expect(again.events(record.id)).toStrictEqual([events[0]]);
      again.close();
      expect(schema()).toEqual(before);
    }
  });

  describe('an unreadable stored value is store_corrupt, naming the rollout', () => {
    const tamper = (sql: string, ...params: unknown[]): void =>
      raw((db) => {
        db.pragma('ignore_check_constraints = ON');
        db.prepare(sql).run(...params);
      });

    it.each([
      ['not JSON', '{"id": "r-0001", '],
      ['not an object', '[1, 2, 3]'],
      ['missing its verdict', JSON.stringify({ ...aRolloutRecord().build(), verdict: undefined })],
      ['an unknown status', JSON.stringify({ ...aRolloutRecord().build(), status: 'half-done' })],
      ['another record', JSON.stringify(aRolloutRecord().withId('r-0002').build())],
      ['holding a plan with a step of an unknown kind', JSON.stringify({ ...aRolloutRecord().build(), plan: { ...aRolloutRecord().build().plan, steps: [{ id: 'node1/x', node: 'node1', phase: 'node', action: { kind: 'reboot' }, title: 'x' }] } })],
      ['holding a reason with an unknown outcome', JSON.stringify({ ...aRolloutRecord().build(), verdict: { ...aRolloutRecord().build().verdict, reasons: [{ rule: 'r', message: 'm', outcome: 'maybe' }] } })],
    ])('a record body that is %s', (_, body) => {
      const store = openStore();
      const record = aRolloutRecord().build();
      store.create(record);
      tamper('UPDATE rollouts SET body = ? WHERE id = ?', body, record.id);
      // Read by id it says what is wrong; a listing leaves it out so one bad row never hides the others.
      expect(store.list({})).toEqual([]);
      for (const read of [() => store.get(record.id), () => store.update(record.id, ['awaiting-approval'], { status: 'approved' })]) {
        const error = caught(read);
        expect(error.code).toBe('store_corrupt');
        expect(error.details).toMatchObject({ id: record.id });
        expect(error.message).toContain(record.id);
      }
    });

    it.each([
      ['not JSON', 'StepStarted', '{"type":'],
      ['of an unknown type', 'Paused', '{"type":"Paused","at":"2025-03-04T10:00:00.000Z"}'],
      ['without a time', 'StepStarted', '{"type":"StepStarted","stepId":"node1/stop"}'],
      ['a failed step without its output', 'StepFailed', '{"type":"StepFailed","at":"2025-03-04T10:00:00.000Z","stepId":"node1/stop","node":"node1","kind":"stop","purpose":"rollout","durationMs":1,"message":"x"}'],
    ])('an event body that is %s', (_, type, body) => {
      const store = openStore();
      const record = aRolloutRecord().build();
      store.create(record);
      store.appendEvent(record.id, events[0] as RolloutEvent);
      tamper("INSERT INTO rollout_events (rollout_id, seq, at, type, body) VALUES (?, 2, '2025-03-04T10:00:00.000Z', ?, ?)", record.id, type, body);
      const error = caught(() => store.events(record.id));
      expect(error.code).toBe('store_corrupt');
      expect(error.details).toMatchObject({ id: record.id, seq: 2 });
    });

    it.each([
      ['a record body', 'UPDATE rollouts SET body = ? WHERE id = ?', 'rollouts'],
      ['an event body', 'UPDATE rollout_events SET body = ? WHERE rollout_id = ?', 'rollout_events'],
    ])('a file with %s that is not JSON still opens: quick_check reports the row, the file is not damaged', (_, sql, table) => {
      const first = openStore();
      const record = aRolloutRecord().build();
      first.create(record);
      first.appendEvent(record.id, events[0] as RolloutEvent);
      first.close();
      tamper(sql, '{"id": ', record.id);
      expect(raw((db) => db.pragma('quick_check', { simple: true }))).toBe(`CHECK constraint failed in ${table}`);
      const store = openStore();
      const read = table === 'rollouts' ? () => store.get(record.id) : () => store.events(record.id);
      expect(caught(read).code).toBe('store_corrupt');
    });
  });

  it('refuses to write a record it could not read back (invalid_rollout_record)', () => {
    const store = openStore();
    const broken = { ...aRolloutRecord().build(), status: 'half-done' } as unknown as ReturnType<ReturnType<typeof aRolloutRecord>['build']>;
    expect(caught(() => store.create(broken)).code).toBe('invalid_rollout_record');
    expect(store.get(broken.id)).toBeUndefined();
  });
});
