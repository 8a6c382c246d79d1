import type { RolloutStore } from '../../src/app/ports.ts';
import type { AuditEntry, RolloutRecord, RolloutStatus } from '../../src/app/rollout-record.ts';
import { CodedError } from '../../src/domain/coded-error.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';

/** What an in-memory store holds; share one between two stores to model a restart (or a second connection). */
export interface InMemoryRolloutData {
  /** In insertion order (the tie-break for equal requestedAt, as rowid is in SQLite). */
  readonly records: Map<string, RolloutRecord>;
  readonly events: Map<string, RolloutEvent[]>;
  readonly audit: AuditEntry[];
}

export const emptyRolloutData = (): InMemoryRolloutData => ({ records: new Map(), events: new Map(), audit: [] });

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
    this.data.records.set(record.id, structuredClone(record));
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

  list(filter: { readonly cluster?: string; readonly statuses?: readonly RolloutStatus[]; readonly limit?: number }): RolloutRecord[] {
    this.checkOpen();
    const { cluster, statuses, limit } = filter;
    const matching = [...this.data.records.values()]
      .map((record, order) => ({ record, order }))
      .filter(({ record }) => (cluster === undefined || record.cluster === cluster) && (statuses === undefined || statuses.includes(record.status)))
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
    return structuredClone(this.data.audit.filter((entry) => entry.rolloutId === rolloutId));
  }

  close(): void {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the in-memory rollout store is closed');
  }
}
