import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Ways to break a real SQLite file from outside the process that uses it, and to put it right again:
 * another connection holding the write lock, an immutable file (`chattr +i`), pages overwritten with
 * garbage. Each returns what undoes it, so tests can clean up
 * in afterEach even when they fail half-way.
 */

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a command; its combined output on failure. */
function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  // A command that cannot be spawned (missing) gives null output, whatever @types/node says.
  const r: SpawnSyncReturns<string | null> = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error === undefined ? '' : String(r.error)}`.trim() };
}

/** Why `chattr +i` does not work on files under `dir` (not root, no chattr, a file system without it), or undefined. */
export function chattrUnavailable(dir: string = tmpdir()): string | undefined {
  if (!isRoot()) return 'not root: chattr +i needs CAP_LINUX_IMMUTABLE';
  const probe = join(mkdtempSync(join(dir, 'chattr-probe-')), 'f');
  writeFileSync(probe, 'x');
  try {
    const set = run('chattr', ['+i', probe]);
    if (!set.ok) return `chattr +i failed: ${set.output}`;
    run('chattr', ['-i', probe]);
    return undefined;
  } finally {
    rmSync(join(probe, '..'), { recursive: true, force: true });
  }
}

/** `chattr +i` on every existing one of `paths`; the returned function takes the flag off again (idempotent). */
export function makeImmutable(paths: readonly string[]): () => void {
  const set = paths.filter((p) => existsSync(p));
  execFileSync('chattr', ['+i', ...set]);
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    for (const p of set) if (existsSync(p)) run('chattr', ['-i', p]);
  };
}

/**
 * Another connection takes SQLite's write lock (`BEGIN IMMEDIATE`) on the file and keeps it until
 * `release` (idempotent). Readers of the WAL file are not blocked; every writer waits for its busy
 * time-out and then fails with SQLITE_BUSY.
 */
export function holdWriteLock(dbPath: string): { release(): void } {
  const db = new Database(dbPath, { fileMustExist: true, timeout: 10_000 });
  db.exec('BEGIN IMMEDIATE');
  return {
    release() {
      if (!db.open) return;
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}

/**
 * Checkpoints the WAL into the main file and leaves it in rollback-journal-free shape (no -wal left
 * behind), so that damage done to the main file is what the next opener reads.
 */
export function checkpointAndClose(dbPath: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Overwrites pages `from`..`to` (1-based, page 1 holds the header and is never touched) with garbage. */
export function overwritePages(dbPath: string, pages: { readonly from: number; readonly to: number }): void {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  db.close();
  if (pages.from < 2 || pages.to > pageCount) throw new Error(`pages ${pages.from}..${pages.to} are not inside 2..${pageCount}`);
  const fd = openSync(dbPath, 'r+');
  try {
    for (let page = pages.from; page <= pages.to; page += 1) {
      const garbage = Buffer.alloc(pageSize);
      for (let i = 0; i < pageSize; i += 1) garbage[i] = (page * 31 + i * 17) % 251;
      writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}
