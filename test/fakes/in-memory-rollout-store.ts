import { maskedRequestDetail, maskedRequestText } from '../../src/domain/liferay/masked-request-text.ts';
import { mayTake, ownedBy } from '../../src/app/lease-rules.ts';
import type { Claim, ClaimResult, ClusterLock, RolloutFilter, RolloutStore, SucceededRun } from '../../src/app/ports.ts';
import type { AuditEntry, RolloutRecord, RolloutStatus } from '../../src/app/rollout-record.ts';
import { CodedError } from '../../src/domain/coded-error.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';

/** What an in-memory store holds; share one between two stores to model a restart (or a second connection). */
export interface InMemoryRolloutData {
  /** In insertion order (the tie-break for equal requestedAt, as rowid is in SQLite). */
  readonly records: Map<string, RolloutRecord>;
  readonly events: Map<string, RolloutEvent[]>;
  readonly audit: AuditEntry[];
  /** Cluster -> its lock. */
  readonly locks: Map<string, ClusterLock>;
}

export const emptyRolloutData = (): InMemoryRolloutData => ({ records: new Map(), events: new Map(), audit: [], locks: new Map() });

/**
 * Hand-written fake of `RolloutStore` for use-case tests: the same contract as the SQLite store
 * (test/contract/rollout-store-contract.ts), values cloned on the way in and out.
 *   const data = emptyRolloutData();
 *   const store = new InMemoryRolloutStore(data);
 *   const afterRestart = new InMemoryRolloutStore(data);
 */
export class InMemoryRolloutStore implements RolloutStore {
  private closed = false;

  constructor(private readonly data: InMemoryRolloutData = emptyRolloutData()) {}

  create(record: RolloutRecord): void {
    this.checkOpen();
    if (this.data.records.has(record.id)) throw new CodedError('rollout_exists', `rollout ${record.id} already exists`, { id: record.id });
    // As the SQLite store reads it back: a request text quoting a secret value comes out masked.
    this.data.records.set(record.id, structuredClone({ ...record, requestText: maskedRequestText(record.requestText, record.request) }));
  }

  get(id: string): RolloutRecord | undefined {
    this.checkOpen();
    const record = this.data.records.get(id);
    return record === undefined ? undefined : structuredClone(record);
  }

  update(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>): RolloutRecord | undefined {
    this.checkOpen();
    const current = this.data.records.get(id);
    if (current === undefined || !expected.includes(current.status)) return undefined;
    const next: RolloutRecord = { ...current, ...structuredClone(patch), id };
    this.data.records.set(id, next);
    return structuredClone(next);
  }

  claim(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, claim: Claim): ClaimResult {
    this.checkOpen();
    const current = this.data.records.get(id);
    if (current === undefined || !expected.includes(current.status)) return { ok: false, reason: 'status', record: current === undefined ? undefined : structuredClone(current) };
    const lock = this.data.locks.get(current.cluster);
    if (lock !== undefined && lock.rolloutId !== id) return { ok: false, reason: 'busy', holder: { ...lock } };
    if (lock !== undefined && !mayTake(lock, claim)) return { ok: false, reason: 'owned', holder: { ...lock } };
    const next: RolloutRecord = { ...current, ...structuredClone(patch), id };
    this.data.records.set(id, next);
    this.data.locks.set(current.cluster, { cluster: current.cluster, rolloutId: id, owner: claim.owner, expiresAt: claim.until });
    return { ok: true, record: structuredClone(next) };
  }

  renewLease(id: string, owner: string, until: number): boolean {
    this.checkOpen();
    const lock = [...this.data.locks.values()].find((l) => l.rolloutId === id);
    if (lock === undefined || lock.owner !== owner) return false;
    this.data.locks.set(lock.cluster, { ...lock, expiresAt: until });
    return true;
  }

  release(id: string, owner: string | undefined, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, releaseCluster: boolean, now: number): RolloutRecord | undefined {
    this.checkOpen();
    const current = this.data.records.get(id);
    if (current === undefined || !expected.includes(current.status)) return undefined;
    const lock = [...this.data.locks.values()].find((l) => l.rolloutId === id);
    if (lock !== undefined && !ownedBy(lock, owner, now)) return undefined;
    const next: RolloutRecord = { ...current, ...structuredClone(patch), id };
    this.data.records.set(id, next);
    if (lock !== undefined) {
      if (releaseCluster) this.data.locks.delete(lock.cluster);
      else this.data.locks.set(lock.cluster, { ...lock, owner: undefined, expiresAt: undefined });
    }
    return structuredClone(next);
  }

  locks(): ClusterLock[] {
    this.checkOpen();
    return [...this.data.locks.values()].sort((a, b) => (a.cluster < b.cluster ? -1 : 1)).map((l) => ({ ...l }));
  }

  appendEvent(id: string, event: RolloutEvent): number {
    this.checkOpen();
    if (!this.data.records.has(id)) throw new CodedError('rollout_not_found', `no rollout ${id} to append an event to`, { id });
    const events = this.data.events.get(id) ?? [];
    events.push(structuredClone(event));
    this.data.events.set(id, events);
    return events.length;
  }

  events(id: string): RolloutEvent[] {
    this.checkOpen();
    return structuredClone(this.data.events.get(id) ?? []);
  }

  succeededRuns(cluster: string, limit: number): SucceededRun[] {
    this.checkOpen();
    const runs = [...this.data.records.values()].flatMap((record, order) => {
      const events = this.data.events.get(record.id) ?? [];
      const done = events.find((e) => e.type === 'RolloutDone');
      if (record.cluster !== cluster || record.status !== 'succeeded' || record.plan === undefined || done?.type !== 'RolloutDone' || done.outcome !== 'succeeded') return [];
      if (events.some((e) => e.type === 'RolloutResumed')) return [];
      return [{ order, run: { rolloutId: record.id, plan: structuredClone(record.plan), finishedAt: done.at, durationMs: done.durationMs } }];
    });
    // Newest finish first; equal times: the later insert first (SQLite's rowid).
    runs.sort((a, b) => (a.run.finishedAt < b.run.finishedAt ? 1 : a.run.finishedAt > b.run.finishedAt ? -1 : b.order - a.order));
    return runs.slice(0, Math.max(0, Math.trunc(limit))).map(({ run }) => run);
  }

  list(filter: RolloutFilter): RolloutRecord[] {
    this.checkOpen();
    const { cluster, statuses, kinds, limit } = filter;
    const matching = [...this.data.records.values()]
      .map((record, order) => ({ record, order }))
      .filter(({ record }) => (cluster === undefined || record.cluster === cluster) && (statuses === undefined || statuses.includes(record.status)) && (kinds === undefined || kinds.includes(record.request.kind)))
      // Most recent first; equal times: the later insert first. Plain comparison, as SQLite's BINARY collation.
      .sort((a, b) => (a.record.requestedAt < b.record.requestedAt ? 1 : a.record.requestedAt > b.record.requestedAt ? -1 : b.order - a.order))
      .map(({ record }) => structuredClone(record));
    return limit === undefined ? matching : matching.slice(0, Math.max(0, Math.trunc(limit)));
  }

  audit(entry: AuditEntry): void {
    this.checkOpen();
    this.data.audit.push(structuredClone(entry));
  }

  auditTrail(rolloutId: string): AuditEntry[] {
    this.checkOpen();
    const request = this.data.records.get(rolloutId)?.request;
    const entries = this.data.audit.filter((entry) => entry.rolloutId === rolloutId);
    return structuredClone(request === undefined ? entries : entries.map((entry) => ({ ...entry, detail: maskedRequestDetail(entry.detail, request) })));
  }

  close(): void {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the in-memory rollout store is closed');
  }
}
