import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { ifSet } from '../support/if-set.ts';

describe('a node whose JVM dies during startup', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    // A start time-out far longer than the test may take: the failure must come from the JVM's exit.
    env = await startLocalRollout({ nodes: 2, timeouts: { start: 600 } });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('is reported at once with the log lines, not after the start time-out', async () => {
    await env.local.setFaults('node1', { crashesOnStartup: true });
    const run = env.run('property set session.timeout=61 on prod');
    const { result, events } = await run;
    await env.local.setFaults('node1', {});
    expect(result.outcome).toBe('failed');
    const failed = events.find((e) => e.type === 'StepFailed');
    expect(failed).toMatchObject({ node: 'node1', stepId: 'node1/wait-started' });
    expect(failed?.type === 'StepFailed' && failed.message).toContain('exited during startup');
    expect(failed?.type === 'StepFailed' && failed.outputTail).toContain('Address already in use');
  }, 120_000);
});
