import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { TOMCAT_DIR_NAME } from '../support/local-cluster/liferay-home-layout.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const stopOutcome = (events: readonly RolloutEvent[], node: string): RolloutEvent | undefined =>
  events.find((e) => (e.type === 'StepSucceeded' || e.type === 'StepFailed') && e.stepId === `${node}/stop`);

describe('a node whose shutdown hangs', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    // `catalina.sh stop 600` waits up to 600 s for the JVM to exit: with SIGTERM ignored
    // (shutdownHangs) the stop command itself hangs, as a stuck shutdown.sh does.
    env = await startLocalRollout({ nodes: 2, timeouts: { stop: 2 }, stopCommand: `${TOMCAT_DIR_NAME}/bin/catalina.sh stop 600` });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('is force-killed at the stop time-out counted from the stop, and the outcome says so', async () => {
    await env.local.setFaults('node1', { shutdownHangs: true });
    const hungPid = (await env.local.readState('node1')).pid;
    const { result, events } = await env.run('property set stop.timing=1 on prod');
    await env.local.setFaults('node1', {});
    expect(result.outcome, neutralText(result.summary)).toBe('succeeded');

    const node1 = stopOutcome(events, 'node1');
    expect(node1).toMatchObject({ type: 'StepSucceeded', detail: 'node1 did not stop within 2 s: force-killed' });
    // Generous: the stop command alone used to get 120 s before the wait for exit even began.
    expect(node1?.type === 'StepSucceeded' && node1.durationMs).toBeLessThan(60_000);
    expect(stopOutcome(events, 'node2')).toMatchObject({ type: 'StepSucceeded', detail: 'node2 stopped' });

    // The force command ran: the JVM that ignored SIGTERM is gone without a graceful exit
    // (the simulator writes "Destroying ProtocolHandler" only when it stops by itself).
    expect(alive(hungPid)).toBe(false);
    const out = env.local.readCatalinaOut('node1');
    const hang = out.indexOf('hanging, fault shutdownHangs');
    expect(hang).toBeGreaterThan(-1);
    const nextStart = out.indexOf('Server version name', hang);
    expect(out.slice(hang, nextStart === -1 ? undefined : nextStart)).not.toContain('Destroying ProtocolHandler');
    expect((await env.local.readState('node1')).pid).not.toBe(hungPid);
  }, 120_000);
});
