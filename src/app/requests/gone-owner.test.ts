import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import type { ClusterLock } from '../ports.ts';
import type { RolloutStatus } from '../rollout-record.ts';
import { goneOwner } from './gone-owner.ts';

const NOW = 1_000_000;
const OWNER = 'cli:root@host1:4242';

describe('goneOwner: a running rollout whose run no longer runs it', () => {
  it.each<{ name: string; status: RolloutStatus; lock?: Partial<ClusterLock>; dead?: boolean; ours?: boolean; gone: string | undefined }>([
    { name: 'a live run: its lease runs, its process is there', status: 'running', lock: { owner: OWNER, expiresAt: NOW + 1 }, gone: undefined },
    { name: 'its process is gone (same host)', status: 'running', lock: { owner: OWNER, expiresAt: NOW + 30_000 }, dead: true, gone: OWNER },
    { name: 'its lease ran out exactly now', status: 'running', lock: { owner: OWNER, expiresAt: NOW }, gone: OWNER },
    { name: 'nobody owns it', status: 'running', lock: { owner: undefined, expiresAt: undefined }, gone: 'unknown' },
    { name: 'this process runs it', status: 'running', lock: { owner: OWNER, expiresAt: NOW - 1 }, ours: true, gone: undefined },
    { name: 'not running (held rollouts are controlled as they are)', status: 'failed', lock: { owner: undefined, expiresAt: undefined }, gone: undefined },
    { name: 'running without a cluster lock', status: 'running', gone: undefined },
  ])('$name', ({ status, lock, dead, ours, gone }) => {
    const record = aRolloutRecord().withStatus(status).build();
    const locks: ClusterLock[] = lock === undefined ? [] : [{ cluster: record.cluster, rolloutId: record.id, owner: lock.owner, expiresAt: lock.expiresAt }];
    const runs = new Map<string, Promise<unknown>>(ours === true ? [[record.id, Promise.resolve()]] : []);

    const found = goneOwner(record, { store: { locks: () => locks }, ownership: { runs, ownerIsGone: (owner) => dead === true && owner === OWNER } }, NOW);

    expect(found?.owner).toBe(gone);
  });
});
