import { maskedRequestDetail, maskedRequestText } from '../../domain/liferay/masked-request-text.ts';
import Database from 'better-sqlite3';
import type { Claim, ClaimResult, ClusterLock, RolloutFilter, RolloutStore, SucceededRun } from '../../app/ports.ts';
import type { AuditEntry, RolloutRecord, RolloutStatus } from '../../app/rollout-record.ts';
import { CodedError } from '../../domain/coded-error.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { schemaProblem } from './schema-problem.ts';
import { StoredJson } from './stored-json.ts';
import { StoredRolloutEvent } from './stored-rollout-event.ts';
import { StoredRolloutRecord } from './stored-rollout-record.ts';
import { mayTake, ownedBy } from '../../app/lease-rules.ts';
import { neutralText, type RichText } from '../../domain/text/rich-text.ts';
import { legacyText, StoredText } from './stored-text.ts';
import { messageOf } from '../../domain/message-of.ts';

/**
 * Durability. `synchronous` is a per-connection setting, not a per-table one, so the events table
 * cannot be made stricter than the rest of the file: it is FULL for everything.
 * - In WAL mode, NORMAL already survives a crash of the bot process (kill -9, OOM, an uncaught
 *   exception): a commit's WAL frames are in the OS before the call returns. What NORMAL can lose
 *   is the last few commits when the host itself goes down (power loss, kernel panic, a VM reset),
 *   because the WAL is only fsynced at checkpoints.
 * - FULL fsyncs the WAL on every commit, so a write that returned survives the host going down
 *   too. Losing a committed "approved" or "StepStarted node2/stop" would make a restarted bot
 *   believe a node was never touched, which is exactly the guessing this tool exists to prevent.
 * The price is one fsync per write; this store sees a few writes per step and steps take seconds
 * to minutes, so it does not matter (scripts/bench-store.ts prints the figures).
 */
const SYNCHRONOUS = 'FULL';
/** How long a writer waits for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Schema migrations, in order: `PRAGMA user_version` is the number applied. Never edit one that
 * has shipped; add a new entry (e.g. `ALTER TABLE rollouts ADD COLUMN ...`).
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rollouts (
    id           TEXT PRIMARY KEY NOT NULL,
    cluster      TEXT NOT NULL,
    status       TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    channel_id   TEXT,
    message_ts   TEXT,
    body         TEXT NOT NULL CHECK (json_valid(body))
  );
  CREATE INDEX rollouts_by_requested_at ON rollouts (requested_at);
  CREATE INDEX rollouts_by_cluster ON rollouts (cluster, requested_at);
  CREATE INDEX rollouts_by_status ON rollouts (status, requested_at);

  CREATE TABLE rollout_events (
    rollout_id TEXT NOT NULL REFERENCES rollouts (id),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    at         TEXT NOT NULL,
    type       TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    PRIMARY KEY (rollout_id, seq)
  ) WITHOUT ROWID;

  -- No foreign key: an attempt on an unknown or purged rollout is worth auditing too.
  CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    rollout_id TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL
  );
  CREATE INDEX audit_by_rollout ON audit (rollout_id, id);
  `,
  // One rollout per cluster, and who runs it: the lock row is taken in the approval's transaction
  // and holds the owner's lease. A running or approved rollout of an older bot gets an ownerless
  // lock (recovery takes it over).
  `
  CREATE TABLE cluster_locks (
    cluster          TEXT PRIMARY KEY NOT NULL,
    rollout_id       TEXT NOT NULL UNIQUE REFERENCES rollouts (id),
    owner            TEXT,
    lease_expires_at INTEGER,
    locked_at        TEXT NOT NULL
  );
  INSERT OR IGNORE INTO cluster_locks (cluster, rollout_id, owner, lease_expires_at, locked_at)
    SELECT cluster, id, NULL, NULL, updated_at FROM rollouts WHERE status IN ('approved', 'running') ORDER BY requested_at DESC;
  `,
  // Audit details are channel-neutral texts (people and commands as parts), kept as JSON; `detail`
  // keeps their plain words for people reading the file. Rows of older bots have only `detail`.
  `
  ALTER TABLE audit ADD COLUMN detail_text TEXT CHECK (detail_text IS NULL OR json_valid(detail_text));
  `,
  // The request's kind as a column, so a verdict reads only the records it needs (a fix pack's
  // history: the cluster's fix pack rollouts) instead of decoding every record of the cluster.
  `
  ALTER TABLE rollouts ADD COLUMN kind TEXT;
  UPDATE rollouts SET kind = json_extract(body, '$.request.kind') WHERE json_valid(body);
  CREATE INDEX rollouts_by_kind ON rollouts (cluster, kind, requested_at);
  `,
];

/** A record body column: JSON, then the record's schema. */
const RecordBody = StoredJson.pipe(StoredRolloutRecord);
/** An event body column: JSON, then the event's schema (older shapes upgraded). */
const EventBody = StoredJson.pipe(StoredRolloutEvent);

interface RolloutRow {
  readonly id: string;
  readonly status: string;
  readonly body: string;
}

interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly body: string;
}

/** A succeeded rollout's row with its `RolloutDone` event. */
interface SucceededRow extends RolloutRow {
  readonly seq: number;
  readonly type: string;
  readonly event: string;
}

interface LockRow {
  readonly cluster: string;
  readonly rollout_id: string;
  readonly owner: string | null;
  readonly lease_expires_at: number | null;
}

const lockOf = (row: LockRow): ClusterLock => ({
  cluster: row.cluster,
  rolloutId: row.rollout_id,
  owner: row.owner ?? undefined,
  expiresAt: row.lease_expires_at ?? undefined,
});

interface AuditRow {
  readonly rollout_id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly detail: string;
  readonly detail_text: string | null;
}

/** An audit detail: its stored parts, or the plain `detail` an older bot wrote (Slack mentions read back as people). */
const AuditDetail = StoredJson.pipe(StoredText);
const auditDetailOf = (row: AuditRow): RichText => {
  if (row.detail_text === null) return legacyText(row.detail);
  const parsed = AuditDetail.safeParse(row.detail_text);
  return parsed.success ? parsed.data : legacyText(row.detail);
};

function corrupt(message: string, details: Readonly<Record<string, unknown>>): CodedError {
  return new CodedError('store_corrupt', message, details);
}

function decodeRecord(row: RolloutRow): RolloutRecord {
  const parsed = RecordBody.safeParse(row.body);
  if (!parsed.success) {
    const problem = schemaProblem(parsed.error);
    throw corrupt(problem === 'not JSON' ? `rollout ${row.id}: stored record is not JSON` : `rollout ${row.id}: stored record is unreadable: ${problem}`, { id: row.id });
  }
  if (parsed.data.id !== row.id || parsed.data.status !== row.status) throw corrupt(`rollout ${row.id}: stored record is unreadable: body does not match its row`, { id: row.id });
  const record = parsed.data;
  // Keys JSON dropped read back present-and-undefined, as they were written.
  return { ...record, requestText: maskedRequestText(record.requestText, record.request), channelId: record.channelId, messageTs: record.messageTs, plan: record.plan, decidedBy: record.decidedBy, decidedAt: record.decidedAt, decisionNote: record.decisionNote };
}

function decodeEvent(id: string, row: EventRow): RolloutEvent {
  const parsed = EventBody.safeParse(row.body);
  if (!parsed.success) {
    const problem = schemaProblem(parsed.error);
    throw corrupt(problem === 'not JSON' ? `rollout ${id}: stored event ${row.seq} is not JSON` : `rollout ${id}: stored event ${row.seq} is unreadable: ${problem}`, { id, seq: row.seq });
  }
  if (parsed.data.type !== row.type) throw corrupt(`rollout ${id}: stored event ${row.seq} is unreadable: body does not match its row`, { id, seq: row.seq });
  return parsed.data;
}

function firstLine(error: unknown): string {
  const text = messageOf(error);
  return text.split(/\r?\n/, 1)[0] ?? text;
}

function unavailable(path: string, reason: string, cause?: unknown): CodedError {
  return new CodedError('store_unavailable', `cannot open the rollout store at ${path}: ${reason}`, { path, ...(cause === undefined ? {} : { cause }) });
}

function isSqliteError(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && error.code === code;
}

/** Applies the migrations this file's user_version lacks, in one write transaction (safe if two bots open at once). */
function migrate(db: Database.Database, path: string): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (typeof version !== 'number') throw unavailable(path, 'cannot read the schema version');
    if (version > MIGRATIONS.length) throw unavailable(path, `schema version ${version} is newer than this bot knows (${MIGRATIONS.length}): upgrade the bot`);
    MIGRATIONS.slice(version).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    });
  }).immediate();
}

/**
 * A read-only or immutable file opens and reads fine and would only fail at the first write, in the
 * middle of a rollout: write a row and checkpoint it into the main file now, and refuse to start otherwise.
 */
function assertWritable(db: Database.Database, path: string): void {
  try {
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
      db.prepare('INSERT OR REPLACE INTO store_probe (id, at) VALUES (1, ?)').run(new Date().toISOString());
    }).immediate();
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    throw unavailable(path, `the file cannot be written (${firstLine(error)}): check its permissions, attributes and free disk`, error);
  }
}

/**
 * What `quick_check` finds wrong with the file itself, or undefined. It also reports single rows that
 * break a CHECK or NOT NULL constraint (a body that is not JSON): such a row is unreadable, and
 * reading leaves it out (see `list`) or names it (`get`, `events`), so it must not keep the bot
 * from starting. Damage to the file's structure (pages, b-trees) is listed first and is never one of these.
 */
const ROW_PROBLEM = /^(CHECK constraint failed in |NULL value in |non-\w+ value in )/;

function fileDamage(db: Database.Database): string | undefined {
  try {
    for (const line of db.prepare<[]>('PRAGMA quick_check').pluck().iterate()) {
      const text = String(line);
      // B-tree damage comes as one row of lines under a `*** in database main ***` heading: its first finding.
      if (text !== 'ok' && !ROW_PROBLEM.test(text)) return text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('*** in database')) ?? text;
    }
    return undefined;
  } catch (error) {
    // Reading on past the first problem, quick_check can itself run into a page it cannot read.
    return firstLine(error);
  }
}

function openDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // The first statement reads the file: a file that is not a database fails here.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw unavailable(path, `cannot use write-ahead logging (journal mode is ${String(mode)})`);
    db.pragma(`synchronous = ${SYNCHRONOUS}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const damage = fileDamage(db);
    if (damage !== undefined) throw unavailable(path, `the file is damaged (quick_check: ${damage}): restore it from a backup`);
    migrate(db, path);
    assertWritable(db, path);
    return db;
  } catch (error) {
    try {
      db?.close();
    } catch {
      // already failing; the original error is the one worth reporting
    }
    if (error instanceof CodedError) throw error;
    throw unavailable(path, firstLine(error), error);
  }
}

class SqliteRolloutStore implements RolloutStore {
  private readonly listStatements = new Map<string, Database.Statement<unknown[], RolloutRow>>();
  private readonly insertRollout;
  private readonly selectRollout;
  private readonly updateRollout;
  private readonly nextSeq;
  private readonly insertEvent;
  private readonly selectEvents;
  private readonly insertAudit;
  private readonly selectAudit;
  private readonly casTransaction;
  private readonly appendTransaction;
  private readonly claimTransaction;
  private readonly releaseTransaction;
  private readonly selectLock;
  private readonly selectLockOfRollout;
  private readonly selectLocks;
  private readonly upsertLock;
  private readonly deleteLock;
  private readonly renewStatement;
  private readonly selectSucceededRuns;

  constructor(private readonly db: Database.Database) {
    this.insertRollout = db.prepare<[string, string, string, string, string, string, string | null, string | null, string, string]>(
      `INSERT INTO rollouts (id, cluster, status, requested_by, requested_at, updated_at, channel_id, message_ts, body, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectRollout = db.prepare<[string], RolloutRow>('SELECT id, status, body FROM rollouts WHERE id = ?');
    this.updateRollout = db.prepare<[string, string, string, string, string, string | null, string | null, string, string, string]>(
      `UPDATE rollouts SET cluster = ?, status = ?, requested_by = ?, requested_at = ?, updated_at = ?, channel_id = ?, message_ts = ?, body = ?, kind = ?
       WHERE id = ?`,
    );
    this.nextSeq = db.prepare<[string], number>('SELECT coalesce(max(seq), 0) + 1 FROM rollout_events WHERE rollout_id = ?').pluck();
    this.insertEvent = db.prepare<[string, number, string, string, string]>('INSERT INTO rollout_events (rollout_id, seq, at, type, body) VALUES (?, ?, ?, ?, ?)');
    this.selectEvents = db.prepare<[string], EventRow>('SELECT seq, type, body FROM rollout_events WHERE rollout_id = ? ORDER BY seq');
    this.insertAudit = db.prepare<[string, string, string, string, string, string]>('INSERT INTO audit (rollout_id, at, actor, action, detail, detail_text) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectAudit = db.prepare<[string], AuditRow>('SELECT rollout_id, at, actor, action, detail, detail_text FROM audit WHERE rollout_id = ? ORDER BY id');

    this.casTransaction = db.transaction((id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>): RolloutRecord | undefined => {
      const row = this.selectRollout.get(id);
      if (row === undefined) return undefined;
      const current = decodeRecord(row);
      if (!expected.includes(current.status)) return undefined;
      const next: RolloutRecord = { ...current, ...patch, id };
      const body = encodeRecord(next);
      this.updateRollout.run(next.cluster, next.status, next.requestedBy, next.requestedAt, next.updatedAt, next.channelId ?? null, next.messageTs ?? null, body, next.request.kind, id);
      return decodeRecord({ id, status: next.status, body });
    });

    this.selectLock = db.prepare<[string], LockRow>('SELECT cluster, rollout_id, owner, lease_expires_at FROM cluster_locks WHERE cluster = ?');
    this.selectLockOfRollout = db.prepare<[string], LockRow>('SELECT cluster, rollout_id, owner, lease_expires_at FROM cluster_locks WHERE rollout_id = ?');
    this.selectLocks = db.prepare<[], LockRow>('SELECT cluster, rollout_id, owner, lease_expires_at FROM cluster_locks ORDER BY cluster');
    this.upsertLock = db.prepare<[string, string, string | null, number | null, string]>(
      `INSERT INTO cluster_locks (cluster, rollout_id, owner, lease_expires_at, locked_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (cluster) DO UPDATE SET rollout_id = excluded.rollout_id, owner = excluded.owner, lease_expires_at = excluded.lease_expires_at`,
    );
    this.deleteLock = db.prepare<[string]>('DELETE FROM cluster_locks WHERE rollout_id = ?');
    // A rollout that succeeded without a resume has one RolloutDone: its run's duration is the rollout's.
    this.selectSucceededRuns = db.prepare<[string, number], SucceededRow>(
      `SELECT r.id AS id, r.status AS status, r.body AS body, e.seq AS seq, e.type AS type, e.body AS event
       FROM rollouts r JOIN rollout_events e ON e.rollout_id = r.id AND e.type = 'RolloutDone'
       WHERE r.cluster = ? AND r.status = 'succeeded'
         AND NOT EXISTS (SELECT 1 FROM rollout_events x WHERE x.rollout_id = r.id AND x.type = 'RolloutResumed')
       ORDER BY e.at DESC, r.rowid DESC LIMIT ?`,
    );
    this.renewStatement = db.prepare<[number, string, string]>('UPDATE cluster_locks SET lease_expires_at = ? WHERE rollout_id = ? AND owner = ?');

    this.claimTransaction = db.transaction((id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, claim: Claim): ClaimResult => {
      const row = this.selectRollout.get(id);
      const current = row === undefined ? undefined : decodeRecord(row);
      if (current === undefined || !expected.includes(current.status)) return { ok: false, reason: 'status', record: current };
      const lock = this.selectLock.get(current.cluster);
      if (lock !== undefined && lock.rollout_id !== id) return { ok: false, reason: 'busy', holder: lockOf(lock) };
      if (lock !== undefined && !mayTake(lockOf(lock), claim)) return { ok: false, reason: 'owned', holder: lockOf(lock) };
      const next: RolloutRecord = { ...current, ...patch, id };
      const body = encodeRecord(next);
      this.updateRollout.run(next.cluster, next.status, next.requestedBy, next.requestedAt, next.updatedAt, next.channelId ?? null, next.messageTs ?? null, body, next.request.kind, id);
      this.upsertLock.run(current.cluster, id, claim.owner, claim.until, new Date(claim.now).toISOString());
      return { ok: true, record: decodeRecord({ id, status: next.status, body }) };
    });

    this.releaseTransaction = db.transaction(
      (id: string, owner: string | undefined, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, releaseCluster: boolean, now: number): RolloutRecord | undefined => {
        const row = this.selectRollout.get(id);
        if (row === undefined) return undefined;
        const current = decodeRecord(row);
        if (!expected.includes(current.status)) return undefined;
        const lock = this.selectLockOfRollout.get(id);
        if (lock !== undefined && !ownedBy(lockOf(lock), owner, now)) return undefined;
        const next: RolloutRecord = { ...current, ...patch, id };
        const body = encodeRecord(next);
        this.updateRollout.run(next.cluster, next.status, next.requestedBy, next.requestedAt, next.updatedAt, next.channelId ?? null, next.messageTs ?? null, body, next.request.kind, id);
        if (releaseCluster) this.deleteLock.run(id);
        else if (lock !== undefined) this.upsertLock.run(lock.cluster, id, null, null, new Date(now).toISOString());
        return decodeRecord({ id, status: next.status, body });
      },
    );

    this.appendTransaction = db.transaction((id: string, event: RolloutEvent, body: string): number => {
      if (this.selectRollout.get(id) === undefined) throw new CodedError('rollout_not_found', `no rollout ${id} to append an event to`, { id });
      const seq = this.nextSeq.get(id) ?? 1;
      this.insertEvent.run(id, seq, event.at, event.type, body);
      return seq;
    });
  }

  create(record: RolloutRecord): void {
    const body = encodeRecord(record);
    try {
      this.insertRollout.run(
        record.id,
        record.cluster,
        record.status,
        record.requestedBy,
        record.requestedAt,
        record.updatedAt,
        record.channelId ?? null,
        record.messageTs ?? null,
        body,
        record.request.kind,
      );
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new CodedError('rollout_exists', `rollout ${record.id} already exists`, { id: record.id });
      throw error;
    }
  }

  get(id: string): RolloutRecord | undefined {
    const row = this.selectRollout.get(id);
    return row === undefined ? undefined : decodeRecord(row);
  }

  update(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>): RolloutRecord | undefined {
    // IMMEDIATE: take the write lock before reading, so another connection cannot change the
    // status between our read and our write (and no read-to-write upgrade can fail with BUSY).
    return this.casTransaction.immediate(id, expected, patch);
  }

  claim(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, claim: Claim): ClaimResult {
    return this.claimTransaction.immediate(id, expected, patch, claim);
  }

  renewLease(id: string, owner: string, until: number): boolean {
    return this.renewStatement.run(until, id, owner).changes === 1;
  }

  release(id: string, owner: string | undefined, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, releaseCluster: boolean, now: number): RolloutRecord | undefined {
    return this.releaseTransaction.immediate(id, owner, expected, patch, releaseCluster, now);
  }

  locks(): ClusterLock[] {
    return this.selectLocks.all().map(lockOf);
  }

  appendEvent(id: string, event: RolloutEvent): number {
    const body = JSON.stringify(event);
    const readBack = EventBody.safeParse(body);
    if (!readBack.success) throw new CodedError('invalid_rollout_event', `rollout ${id}: refusing to store an event: ${schemaProblem(readBack.error)}`, { id });
    return this.appendTransaction.immediate(id, event, body);
  }

  events(id: string): RolloutEvent[] {
    return this.selectEvents.all(id).map((row) => decodeEvent(id, row));
  }

  succeededRuns(cluster: string, limit: number): SucceededRun[] {
    // Like list(): a row that cannot be read is left out rather than hiding the others.
    return this.selectSucceededRuns.all(cluster, Math.max(0, Math.trunc(limit))).flatMap((row) => {
      try {
        const record = decodeRecord(row);
        const done = decodeEvent(row.id, { seq: row.seq, type: row.type, body: row.event });
        if (record.plan === undefined || done.type !== 'RolloutDone' || done.outcome !== 'succeeded') return [];
        return [{ rolloutId: record.id, plan: record.plan, finishedAt: done.at, durationMs: done.durationMs }];
      } catch {
        return [];
      }
    });
  }

  list(filter: RolloutFilter): RolloutRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.cluster !== undefined) {
      where.push('cluster = ?');
      params.push(filter.cluster);
    }
    if (filter.statuses !== undefined) {
      if (filter.statuses.length === 0) return [];
      where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
      params.push(...filter.statuses);
    }
    if (filter.kinds !== undefined) {
      if (filter.kinds.length === 0) return [];
      where.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    let sql = `SELECT id, status, body FROM rollouts${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY requested_at DESC, rowid DESC`;
    if (filter.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(Math.max(0, Math.trunc(filter.limit)));
    }
    let statement = this.listStatements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], RolloutRow>(sql);
      this.listStatements.set(sql, statement);
    }
    // One unreadable row must not hide the others (nor stop the bot): it is left out here, and
    // reading it by id still says what is wrong with it.
    return statement.all(...params).flatMap((row) => {
      try {
        return [decodeRecord(row)];
      } catch {
        return [];
      }
    });
  }

  audit(entry: AuditEntry): void {
    this.insertAudit.run(entry.rolloutId, entry.at, entry.actor, entry.action, neutralText(entry.detail), JSON.stringify(entry.detail));
  }

  auditTrail(rolloutId: string): AuditEntry[] {
    // Entries written by older bots quote the request with its secret values: they read back masked.
    const request = this.get(rolloutId)?.request;
    const shown = (detail: RichText): RichText => (request === undefined ? detail : maskedRequestDetail(detail, request));
    return this.selectAudit.all(rolloutId).map((row) => ({ at: row.at, rolloutId: row.rollout_id, actor: row.actor, action: row.action, detail: shown(auditDetailOf(row)) }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** JSON for the body column; refuses a record this store would later call corrupt. */
function encodeRecord(record: RolloutRecord): string {
  const body = JSON.stringify(record);
  const readBack = RecordBody.safeParse(body);
  if (!readBack.success) throw new CodedError('invalid_rollout_record', `rollout ${record.id}: refusing to store a record: ${schemaProblem(readBack.error)}`, { id: record.id });
  return body;
}

/**
 * Opens (creating if needed) the SQLite file at `path` and brings its schema up to date. Throws
 * CodedError `store_unavailable` naming the path when the file cannot be opened or written, is not
 * a SQLite database, or has a newer schema than this code knows.
 */
export function openSqliteRolloutStore(path: string): RolloutStore {
  return new SqliteRolloutStore(openDatabase(path));
}
