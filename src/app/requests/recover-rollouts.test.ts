import { describe, expect, it } from 'vitest';
import { aServiceScene, FIRST_OWNER, SECOND_OWNER, type ServiceScene } from '../../../test/builders/a-service-scene.ts';
import { APPROVER } from '../../../test/builders/service-deps.ts';
import { changesOn } from '../../../test/support/rollout-checks.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { recoverRollouts } from './recover-rollouts.ts';

const FULL_NODE = ['stop', 'backup', 'patch-install', 'start'];
const afterNode2Stop = (e: RolloutEvent): boolean => e.type === 'StepSucceeded' && e.stepId === 'node2/stop';

/** The first bot process is killed right after node2's stop: the record stays running, its lease with it. */
async function killedAfterNode2Stop(scene: ServiceScene): Promise<number> {
  const first = scene.process({ owner: FIRST_OWNER });
  first.onPublish = (event) => {
    if (afterNode2Stop(event)) throw new Error('SIGKILL');
  };
  expect(await scene.approveAndRun(first)).toBeUndefined();
  expect(scene.store.get(scene.record.id)?.status).toBe('running');
  const lock = scene.store.locks()[0];
  expect(lock).toMatchObject({ owner: FIRST_OWNER });
  expect(scene.nodes.isRunning('node2')).toBe(false);
  return lock?.expiresAt ?? 0;
}

describe('recoverRollouts: a rollout whose run is gone is taken over, a live one is left alone', () => {
  it.each([
    { name: 'its owner is gone (this host, no such process)', gone: true, leaseRanOut: false, taken: true },
    { name: 'its lease ran out (owner on another host)', gone: false, leaseRanOut: true, taken: true },
    { name: 'its lease still runs and its owner may be alive', gone: false, leaseRanOut: false, taken: false },
  ])('$name: taken over = $taken', async ({ gone, leaseRanOut, taken }) => {
    const scene = aServiceScene();
    const expiresAt = await killedAfterNode2Stop(scene);
    if (leaseRanOut) scene.clock.advance(expiresAt - scene.clock.now().getTime());
    expect(scene.clock.now().getTime() < expiresAt).toBe(!leaseRanOut);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => gone && owner === FIRST_OWNER });
    const since = scene.nodes.sent.length;

    const recovered = recoverRollouts(second.deps);

    if (!taken) {
      expect(recovered).toEqual([]);
      expect(scene.store.locks()).toEqual([{ cluster: 'prod', rolloutId: scene.record.id, owner: FIRST_OWNER, expiresAt }]);
      expect(scene.store.get(scene.record.id)?.status).toBe('running');
      expect(scene.nodes.sent.slice(since)).toEqual([]);
      return;
    }
    expect(recovered.map((r) => r.record.status)).toEqual(['running']);
    expect(scene.store.locks()).toMatchObject([{ rolloutId: scene.record.id, owner: SECOND_OWNER }]);
    const result = await recovered[0]?.run;
    expect(result?.outcome).toBe('succeeded');
    expect(second.published.slice(0, 2)).toMatchObject([
      { type: 'RolloutInterrupted', summary: expect.stringMatching(/^the run that carried it out \(bot:ops@host1:111\) is gone; it stopped after node2's stop step/) },
      { type: 'RolloutResumed', mode: 'recover', by: 'bot' },
    ]);
    expect(scene.store.events(scene.record.id).filter((e) => e.type === 'RolloutInterrupted')).toHaveLength(1);
    expect(changesOn(scene.nodes, 'node1', since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', since)).toEqual(['backup', 'patch-install', 'start']);
    expect(changesOn(scene.nodes, 'node3', since)).toEqual(FULL_NODE);
    expect(scene.store.get(scene.record.id)?.status).toBe('succeeded');
    expect(scene.store.locks()).toEqual([]);
    expect(scene.store.auditTrail(scene.record.id).map((a) => [a.actor, a.action])).toEqual(expect.arrayContaining([['bot', 'recovering'], ['bot', 'rollout succeeded']]));
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.nodes.downTogether).toEqual([]);
  });

  it('afterRestart ask: brings node2 back up and holds the rollout as interrupted, the cluster still locked', async () => {
    const scene = aServiceScene({ afterRestart: 'ask' });
    await killedAfterNode2Stop(scene);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });
    const since = scene.nodes.sent.length;

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(result?.outcome).toBe('interrupted');
    expect(changesOn(scene.nodes, 'node2', since)).toEqual(['restore', 'start']);
    expect(changesOn(scene.nodes, 'node3', since)).toEqual([]);
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.store.get(scene.record.id)?.status).toBe('interrupted');
    expect(scene.store.locks()).toEqual([{ cluster: 'prod', rolloutId: scene.record.id, owner: undefined, expiresAt: undefined }]);
  });

  it('a rollout this process runs already is not taken again', async () => {
    const scene = aServiceScene();
    await killedAfterNode2Stop(scene);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: () => true });
    second.deps.runs.set(scene.record.id, new Promise(() => undefined));

    expect(recoverRollouts(second.deps)).toEqual([]);
    expect(scene.store.locks()).toMatchObject([{ owner: FIRST_OWNER }]);
  });

  it('an approved rollout whose process died before its first step is started from the beginning', async () => {
    const scene = aServiceScene();
    const first = scene.process({ owner: FIRST_OWNER });
    const now = scene.clock.now();
    first.deps.store.claim(scene.record.id, ['awaiting-approval'], { status: 'approved', decidedBy: APPROVER }, { owner: FIRST_OWNER, until: now.getTime() + 30_000, now: now.getTime() });
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(result?.outcome).toBe('succeeded');
    expect(second.published[0]).toMatchObject({ type: 'RolloutStarted' });
    expect(scene.store.auditTrail(scene.record.id).map((a) => a.action)).toContain('started after a restart');
  });
});

describe('recoverRollouts: a rollout paused by a graceful shutdown', () => {
  it.each([
    { afterRestart: 'resume', resumed: true },
    { afterRestart: 'ask', resumed: false },
  ] as const)('afterRestart $afterRestart: resumed at the next start = $resumed', async ({ afterRestart, resumed }) => {
    const scene = aServiceScene({ afterRestart });
    const first = scene.process({ owner: FIRST_OWNER });
    first.onPublish = (event) => {
      if (afterNode2Stop(event)) first.deps.shutdown.requested = true;
    };
    const paused = await scene.approveAndRun(first);
    expect(paused?.outcome).toBe('paused');
    expect(paused?.state.stopCause).toBe('shutdown');
    expect(changesOn(scene.nodes, 'node2')).toEqual(FULL_NODE);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    const second = scene.process({ owner: SECOND_OWNER });
    const since = scene.nodes.sent.length;

    const recovered = recoverRollouts(second.deps);

    if (!resumed) {
      expect(recovered).toEqual([]);
      expect(scene.store.get(scene.record.id)?.status).toBe('paused');
      expect(scene.nodes.sent.slice(since)).toEqual([]);
      return;
    }
    const result = await recovered[0]?.run;
    expect(result?.outcome).toBe('succeeded');
    expect(second.published[0]).toMatchObject({ type: 'RolloutResumed', mode: 'resume', by: 'bot' });
    expect(changesOn(scene.nodes, 'node2', since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node3', since)).toEqual(FULL_NODE);
    expect(scene.store.auditTrail(scene.record.id).map((a) => a.action)).toContain('resumed after a restart');
    expect(scene.store.locks()).toEqual([]);
  });
});
