import { describe, expect, it } from 'vitest';
import { aClusterRuntime } from '../../../test/builders/service-deps.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../../../test/fakes/manual-clock.ts';
import type { RolloutStatus } from '../rollout-record.ts';
import { expireStale } from './expire-stale.ts';

const REQUESTED_AT = '2025-03-04T09:15:00.000Z';
const LIMIT = Date.parse(REQUESTED_AT) + 60 * 60_000; // the cluster's approvals last 60 min

describe('expireStale at the edge of the approval time-to-live', () => {
  it.each<[string, number, RolloutStatus, boolean]>([
    ['limit - 1 ms', LIMIT - 1, 'awaiting-approval', false],
    ['at the limit', LIMIT, 'awaiting-approval', true],
    ['limit + 1 ms', LIMIT + 1, 'awaiting-approval', true],
    ['at the limit, waiting for answers', LIMIT, 'awaiting-confirmation', true],
    ['limit - 1 ms, waiting for answers', LIMIT - 1, 'awaiting-confirmation', false],
  ])('%s: %s expired = %s', (_name, now, status, expired) => {
    const store = new InMemoryRolloutStore();
    const record = aRolloutRecord().withStatus(status).requestedAt(REQUESTED_AT).build();
    store.create(record);
    const deps = { store, clock: new ManualClock(now), clusters: new Map([['prod', aClusterRuntime()]]) };
    const out = expireStale(deps);
    expect(out.map((r) => r.id)).toEqual(expired ? [record.id] : []);
    expect(store.get(record.id)?.status).toBe(expired ? 'expired' : status);
    if (expired) expect(store.get(record.id)?.decisionNote).toBe('not decided within 60 min');
  });
});
