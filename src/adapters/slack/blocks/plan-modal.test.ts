import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../../test/builders/a-rollout-plan.ts';
import { validateSlackView } from '../../../../test/support/slack/validate-slack-message.ts';
import type { ExpectedDuration } from '../../../app/requests/expected-duration.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { planModal } from './plan-modal.ts';

const ESTIMATE: ExpectedDuration = { basis: 'estimate', cluster: 'prod', nodes: 3, perNodeMs: 360_000, totalMs: 1_080_000, samples: 0 };
const modal = (plan: RolloutPlan, duration = ESTIMATE): ReturnType<typeof planModal> => planModal({ requestId: 'req-42', requestText: 'fixpack install dxp-17-7110 on prod', plan, duration });
const content = (plan: RolloutPlan): string => JSON.stringify(modal(plan).blocks);

describe('planModal: the whole plan behind Show plan', () => {
  const plan = aRolloutPlan().build();

  it('is a valid read-only modal titled for the cluster', () => {
    const view = modal(plan);
    expect(validateSlackView(view)).toEqual([]);
    expect(view).toMatchObject({ type: 'modal', title: { text: 'Plan for prod' }, close: { text: 'Close' } });
    expect(view).not.toHaveProperty('submit');
  });

  it.each([
    ['the request as a command', '`/liferay fixpack install dxp-17-7110 on prod`'],
    ['the duration and where it comes from', '*Duration:* about 18 min: no past rollouts on prod, so about 6 min a node (estimate)'],
    ['the nodes in order', 'rolling restart, one node at a time, in this order: node1 → node2 → node3 · 3 nodes · about 18 min'],
    ['the short plan hash', `plan \`${plan.hash.slice(0, 12)}\``],
    ['the first node as template', 'the same for node2, node3'],
    ['a node step', '1. stop node1 (force after 120 s)'],
    ['a preflight step', 'connect to node1 (10.0.0.11) and check its host key'],
    ['the artifact', 'liferay-fix-pack-dxp-17-7110.zip'],
    ['what an approval is bound to', 'Request `req-42` · plan'],
  ])('shows %s', (_name, text) => {
    expect(content(plan)).toContain(JSON.stringify(text).slice(1, -1));
  });

  it.each([
    ['rolling, one node done', aRolloutPlan().skipping('node1'), [
      'rolling restart, one node at a time, in this order: node2 → node3 · 2 nodes changed',
      '*Skipped* (already done; left running): node1: already has dxp-17-7110',
      '(shown for node2; the same for node1, node3; no upload to skipped nodes)',
      'each back and healthy in the cluster before the next one stops (shown for node2; the same for node3)',
      '*Finally*, on every changed node (shown for node2; the same for node3)',
    ]],
    ['full shutdown, one node done', aRolloutPlan().fullShutdown().skipping('node1'), [
      '⚠️ *FULL SHUTDOWN*: all 3 nodes down together (node1, node2, node3), 2 changed',
      '*Skipped* (already done; stopped and started with the others, not changed): node1: already has dxp-17-7110',
      '*Then* every node stops, node2, node3 are changed, then node1 starts alone',
    ]],
  ] as const)('%s: names the skipped nodes and why, and counts every node that goes down', (_name, builder, texts) => {
    const text = content(builder.build());
    for (const t of texts) expect(text).toContain(JSON.stringify(t).slice(1, -1));
  });

  it.each([
    ['a 100-node full shutdown with hooks', aRolloutPlan().withNodes(100).withHooks().fullShutdown()],
    ['60 nodes, 59 skipped with long reasons', (() => {
      const b = aRolloutPlan().withNodes(60);
      for (let i = 1; i < 60; i += 1) b.skipping(`node${i}`, `already has dxp-17-7110 ${'and more '.repeat(30)}`);
      return b;
    })()],
  ])('stays within a modal\'s limits: %s', (_name, builder) => {
    expect(validateSlackView(modal(builder.build()))).toEqual([]);
  });

  it('cuts the title to 24 characters for a long cluster name', () => {
    const long = aRolloutPlan().build();
    const view = modal({ ...long, cluster: 'a-very-long-cluster-name-indeed' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });
});
