import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import type { SimState } from './local-cluster/sim-state.ts';
import type { LocalRollout } from './local-rollout.ts';
import { messageOf } from '../../src/domain/message-of.ts';

/**
 * Watching a rollout from outside the bot's process: the SQLite file the bot writes (opened
 * read-only, so the watcher never takes a write lock or changes the file) and the simulated nodes.
 * Every wait polls until a predicate holds, so tests catch a moment of a rollout without guessing
 * how long anything takes.
 */

/** One row of `rollout_events`, its body parsed. */
export interface StoredEvent {
  readonly rolloutId: string;
  readonly seq: number;
  readonly type: RolloutEvent['type'];
  readonly event: RolloutEvent;
}

export interface WatchOptions {
  /** Default 120 s (generous: a loaded machine slows the real processes down, it must not fail the test). */
  readonly timeoutMs?: number;
  /** Default 20 ms. */
  readonly intervalMs?: number;
  /** Named in the timeout error. */
  readonly what?: string;
}

interface EventRow {
  readonly rollout_id: string;
  readonly seq: number;
  readonly type: string;
  readonly body: string;
}

/** Runs `read` on a read-only connection to the file; undefined while the file does not exist yet. */
function withReadOnly<T>(dbPath: string, read: (db: Database.Database) => T): T | undefined {
  if (!existsSync(dbPath)) return undefined;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // The bot creates its tables in its first transaction; before that there is nothing to read.
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('rollouts', 'rollout_events')").all();
    if (tables.length < 2) return undefined;
    return read(db);
  } finally {
    db.close();
  }
}

/** Every stored event of every rollout (or of one), in rollout then sequence order. */
export function readStoredEvents(dbPath: string, rolloutId?: string): StoredEvent[] {
  const rows =
    withReadOnly(dbPath, (db) =>
      rolloutId === undefined
        ? db.prepare<[], EventRow>('SELECT rollout_id, seq, type, body FROM rollout_events ORDER BY rollout_id, seq').all()
        : db.prepare<[string], EventRow>('SELECT rollout_id, seq, type, body FROM rollout_events WHERE rollout_id = ? ORDER BY seq').all(rolloutId),
    ) ?? [];
  return rows.map((row) => ({ rolloutId: row.rollout_id, seq: row.seq, type: row.type as RolloutEvent['type'], event: JSON.parse(row.body) as RolloutEvent }));
}

/** Every stored rollout record, newest request first (the store's own order). */
export function readStoredRollouts(dbPath: string): RolloutRecord[] {
  const rows = withReadOnly(dbPath, (db) => db.prepare<[], { body: string }>('SELECT body FROM rollouts ORDER BY requested_at DESC, rowid DESC').all()) ?? [];
  return rows.map((row) => JSON.parse(row.body) as RolloutRecord);
}

async function poll<T>(check: () => Promise<T | undefined> | T | undefined, options: WatchOptions, describe: () => string): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const found = await check();
      if (found !== undefined) return found;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError === undefined ? '' : ` (last error: ${messageOf(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${why}; ${describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

const lastEvents = (dbPath: string): string =>
  `last events: ${
    readStoredEvents(dbPath)
      .slice(-5)
      .map((e) => `${e.seq} ${e.type}${'stepId' in e.event ? ` ${e.event.stepId}` : ''}`)
      .join(', ') || 'none'
  }`;

/** Resolves with the first stored event (already stored or future) that matches. */
export function waitForEvent(dbPath: string, predicate: (event: StoredEvent) => boolean, options: WatchOptions = {}): Promise<StoredEvent> {
  return poll(() => readStoredEvents(dbPath).find(predicate), { what: 'a matching rollout event', ...options }, () => lastEvents(dbPath));
}

/** Shorthand: the StepStarted event of a step (`node2/stop`). */
export function waitForStepStarted(dbPath: string, stepId: string, options: WatchOptions = {}): Promise<StoredEvent> {
  return waitForEvent(dbPath, (e) => e.event.type === 'StepStarted' && e.event.stepId === stepId, { what: `StepStarted ${stepId}`, ...options });
}

/** Resolves with the first stored rollout record that matches. */
export function waitForRollout(dbPath: string, predicate: (record: RolloutRecord) => boolean, options: WatchOptions = {}): Promise<RolloutRecord> {
  return poll(
    () => readStoredRollouts(dbPath).find(predicate),
    { what: 'a matching rollout record', ...options },
    () => `records: ${readStoredRollouts(dbPath).map((r) => `${r.id} ${r.status}`).join(', ') || 'none'}`,
  );
}

/** What a simulated node looks like from outside: is its JVM process alive, and its `/sim/state` when it answers. */
export interface NodeWatch {
  readonly running: boolean;
  readonly state: SimState | undefined;
}

/** Reads one node: process alive or not, and its state when its HTTP port answers. */
export async function readNode(rollout: LocalRollout, node: string): Promise<NodeWatch> {
  const running = rollout.local.isRunning(node);
  const state = running ? await rollout.local.readState(node).catch(() => undefined) : undefined;
  return { running, state };
}

/** Resolves with the node's state once the predicate holds (e.g. `(s) => !s.running` or `(s) => s.state?.phase === 'stopping'`). */
export function waitForNodeState(rollout: LocalRollout, node: string, predicate: (watch: NodeWatch) => boolean, options: WatchOptions = {}): Promise<NodeWatch> {
  let last: NodeWatch | undefined;
  return poll(
    async () => {
      last = await readNode(rollout, node);
      return predicate(last) ? last : undefined;
    },
    { what: `${node} in the expected state`, ...options },
    () => `${node} last seen: ${last === undefined ? 'never read' : `running=${last.running} phase=${last.state?.phase ?? '-'}`}`,
  );
}

/** The cluster locks (one row per locked cluster: the rollout holding it and its owner's lease). */
export function readClusterLocks(dbPath: string): { cluster: string; rolloutId: string; owner: string | null; expiresAt: number | null }[] {
  return (
    withReadOnly(dbPath, (db) => {
      const has = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'cluster_locks'").all();
      if (has.length === 0) return [];
      return db
        .prepare<[], { cluster: string; rollout_id: string; owner: string | null; lease_expires_at: number | null }>('SELECT cluster, rollout_id, owner, lease_expires_at FROM cluster_locks')
        .all()
        .map((r) => ({ cluster: r.cluster, rolloutId: r.rollout_id, owner: r.owner, expiresAt: r.lease_expires_at }));
    }) ?? []
  );
}
