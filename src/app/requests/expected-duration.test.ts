import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../test/builders/a-rollout-plan.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import { expectedDuration, RECENT_RUNS } from './expected-duration.ts';

const MIN = 60_000;

/** A store holding `past` finished rollouts of `cluster` (oldest first): each with its plan, outcome and run(s). */
function storeWith(past: ReadonlyArray<{ plan?: RolloutPlan; ms: number; cluster?: string; status?: 'succeeded' | 'failed' | 'rolled-back'; resumed?: boolean }>): InMemoryRolloutStore {
  const store = new InMemoryRolloutStore();
  past.forEach(({ plan = aRolloutPlan().build(), ms, cluster = 'prod', status = 'succeeded', resumed = false }, i) => {
    const id = `r-${i}`;
    const at = new Date(Date.parse('2025-03-01T10:00:00.000Z') + i * 86_400_000).toISOString();
    const record = aRolloutRecord().withId(id).withStatus(status).build();
    store.create({ ...record, cluster, plan: { ...plan, cluster } });
    store.appendEvent(id, { type: 'RolloutStarted', at, planHash: plan.hash, nodes: plan.nodes });
    if (resumed) store.appendEvent(id, { type: 'RolloutResumed', at, mode: 'resume', by: 'U1', nodes: plan.nodes, message: 'resumed' });
    store.appendEvent(id, { type: 'RolloutDone', at, outcome: status === 'succeeded' ? 'succeeded' : 'failed', durationMs: ms, summary: ['done'] });
  });
  return store;
}

const threeNodes = aRolloutPlan().build();
const twoChanged = aRolloutPlan().skipping('node1').build();
const fullShutdown = aRolloutPlan().fullShutdown().build();
const fiveNodes = aRolloutPlan().withNodes(5).build();

describe('expectedDuration', () => {
  it.each([
    ['no past rollouts: 6 min a node (estimate)', [], threeNodes, { basis: 'estimate', nodes: 3, perNodeMs: 6 * MIN, totalMs: 18 * MIN, samples: 0 }],
    ['one past rollout of 3 nodes in 9 min: 3 min a node', [{ ms: 9 * MIN }], threeNodes, { basis: 'history', nodes: 3, perNodeMs: 3 * MIN, totalMs: 9 * MIN, samples: 1 }],
    ['the median of past per-node times, not the mean', [{ ms: 3 * MIN }, { ms: 6 * MIN }, { ms: 60 * MIN }], threeNodes, { basis: 'history', perNodeMs: 2 * MIN, totalMs: 6 * MIN, samples: 3 }],
    ['an even count: the mean of the middle two', [{ ms: 3 * MIN }, { ms: 6 * MIN }, { ms: 9 * MIN }, { ms: 12 * MIN }], threeNodes, { perNodeMs: 2.5 * MIN, samples: 4 }],
    ['a past rollout that skipped a node counts per node it restarted', [{ plan: twoChanged, ms: 8 * MIN }], threeNodes, { perNodeMs: 4 * MIN, totalMs: 12 * MIN }],
    ['a plan that changes 2 of 3 nodes restarts 2', [{ ms: 9 * MIN }], twoChanged, { nodes: 2, totalMs: 6 * MIN }],
    ['a full shutdown restarts every node, skipped or not', [{ ms: 9 * MIN }], aRolloutPlan().fullShutdown().skipping('node1').build(), { nodes: 3, totalMs: 9 * MIN }],
    ['a past full shutdown teaches the per-node time too', [{ plan: fullShutdown, ms: 12 * MIN }], fiveNodes, { nodes: 5, perNodeMs: 4 * MIN, totalMs: 20 * MIN }],
    ['failed and rolled-back rollouts teach nothing', [{ ms: 99 * MIN, status: 'failed' }, { ms: 99 * MIN, status: 'rolled-back' }], threeNodes, { basis: 'estimate', samples: 0 }],
    ['a rollout resumed after a stop teaches nothing (its last run is only a part)', [{ ms: MIN, resumed: true }], threeNodes, { basis: 'estimate' }],
    ['another cluster’s rollouts teach nothing', [{ ms: MIN, cluster: 'staging' }], threeNodes, { basis: 'estimate' }],
    ['a run of no time teaches nothing', [{ ms: 0 }], threeNodes, { basis: 'estimate' }],
    ['seconds-long rollouts (a test cluster) give seconds', [{ ms: 9_000 }], threeNodes, { basis: 'history', perNodeMs: 3_000, totalMs: 9_000 }],
  ] as const)('%s', (_name, past, plan, expected) => {
    expect(expectedDuration(plan, { store: storeWith(past) })).toMatchObject({ cluster: 'prod', ...expected });
  });

  it(`learns from the last ${RECENT_RUNS} only`, () => {
    const old = Array.from({ length: 5 }, () => ({ ms: 90 * MIN }));
    const recent = Array.from({ length: RECENT_RUNS }, () => ({ ms: 3 * MIN }));
    expect(expectedDuration(threeNodes, { store: storeWith([...old, ...recent]) })).toMatchObject({ basis: 'history', perNodeMs: MIN, samples: RECENT_RUNS });
  });
});
