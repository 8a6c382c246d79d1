import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_SETTLE_SECONDS } from '../../src/domain/liferay/cluster-gate.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { waitUntil } from '../support/local-cluster/wait-until.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';

const clusterStep = (events: readonly RolloutEvent[], node: string): RolloutEvent | undefined =>
  events.find((e) => (e.type === 'StepSucceeded' || e.type === 'StepFailed') && e.stepId === `${node}/wait-cluster`);

describe('the cluster gate on a node whose view flaps after it starts', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    // The production settle window: these tests are about a flap shorter than it.
    env = await startLocalRollout({ nodes: 2, timeouts: { cluster: 5 }, restoreOnFailure: false, clusterSettleSeconds: DEFAULT_CLUSTER_SETTLE_SECONDS });
  }, 180_000);

  afterEach(async () => {
    await env.local.setFaults('node1', {});
    await env.local.startAll();
  });

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('does not pass on a full view that a smaller one replaced 100 ms later', async () => {
    await env.local.setFaults('node1', { flappingView: true });
    const logBefore = env.local.readLiferayLog('node1').length;
    const { result, events } = await env.run('property set gate.flap=1 on prod');
    expect(result.outcome).toBe('failed');
    const step = clusterStep(events, 'node1');
    expect(step?.type).toBe('StepFailed');
    expect(step?.type === 'StepFailed' && step.message).toContain('did not see a settled cluster of at least 2 including itself (node1) within 5 s: control: 1 member, expected at least 2');
    // The stale full view was there, after this start; node2 was never touched.
    const log = env.local.readLiferayLog('node1').slice(logBefore);
    expect(log).toMatch(/channel-control\].*Accepted view \[node2\|\d+\] \(2\) \[node2, node1\]/);
    expect(log).toMatch(/channel-control\].*Accepted view \[node1\|\d+\] \(1\) \[node1\]/);
    expect(events.some((e) => e.type === 'StepStarted' && e.stepId === 'node2/stop')).toBe(false);
  }, 120_000);

  it('passes once the real view follows the flap', async () => {
    await env.local.setFaults('node1', { flappingView: true });
    const logBefore = env.local.readLiferayLog('node1').length;
    const run = env.run('property set gate.real=1 on prod');
    await waitUntil(() => /\(1\) \[node1\]/.test(env.local.readLiferayLog('node1').slice(logBefore)), { timeoutMs: 60_000, what: 'node1 to log the split view' });
    await env.local.setFaults('node1', {});
    const { result, events } = await run;
    expect(result.outcome, neutralText(result.summary)).toBe('succeeded');
    expect(clusterStep(events, 'node1')).toMatchObject({ type: 'StepSucceeded', detail: 'cluster view control: 2 [node2, node1]; transport-0: 2 [node2, node1]' });
  }, 120_000);
});
