import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { aClusterRuntime } from '../../../test/builders/service-deps.ts';
import { ManualClock } from '../../../test/fakes/manual-clock.ts';
import type { NodeExecutor } from '../ports.ts';
import { NodeLookCache } from './node-look-cache.ts';

function scene(connect: NodeExecutor['connect']) {
  const clock = new ManualClock(Date.parse('2025-03-04T10:00:00Z'));
  const cluster = aClusterRuntime(aCluster().named('prod').withNodes(2).build());
  let connects = 0;
  const executor: NodeExecutor = {
    connect: (target) => {
      connects += 1;
      return connect(target);
    },
  };
  const deps = { clusters: new Map([['prod', cluster]]), executor, healthProbe: { check: () => Promise.resolve({ ok: true as const, status: 200 }) }, clock };
  return { clock, deps, connects: () => connects };
}

describe('NodeLookCache', () => {
  it('looks once for callers at the same time, keeps the look while fresh, and looks again once it is stale', async () => {
    const s = scene(() => Promise.reject(new Error('connect ECONNREFUSED')));
    const cache = new NodeLookCache(s.deps, { freshMs: 60_000 });
    expect(cache.latest('prod')).toBeUndefined();
    expect(cache.stale('prod')).toBe(true);
    const [a, b] = await Promise.all([cache.look('prod'), cache.look('prod')]);
    expect(a).toBe(b);
    expect(s.connects()).toBe(2);
    expect(a).toMatchObject({ at: '2025-03-04T10:00:00.000Z', nodes: [{ node: 'node1', reachable: false }, { node: 'node2', reachable: false }] });
    expect(JSON.stringify(a)).toContain('ECONNREFUSED');
    s.clock.advance(59_999);
    await cache.look('prod');
    expect(s.connects()).toBe(2);
    s.clock.advance(1);
    expect(cache.stale('prod')).toBe(true);
    await cache.look('prod');
    expect(s.connects()).toBe(4);
  });

  it('says so when the nodes give no answer in time', async () => {
    const s = scene(() => new Promise(() => undefined));
    const cache = new NodeLookCache(s.deps, { timeoutMs: 1000 });
    expect(await cache.look('prod')).toEqual({ at: '2025-03-04T10:00:00.000Z', failed: 'no answer within 1 s' });
    expect(cache.latest('prod')).toEqual({ at: '2025-03-04T10:00:00.000Z', failed: 'no answer within 1 s' });
  });
});
