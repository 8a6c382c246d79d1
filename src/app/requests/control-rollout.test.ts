import { describe, expect, it } from 'vitest';
import { aServiceScene, FIRST_OWNER, SECOND_OWNER, type ServiceScene } from '../../../test/builders/a-service-scene.ts';
import { APPROVER } from '../../../test/builders/service-deps.ts';
import { changesOn } from '../../../test/support/rollout-checks.ts';
import type { RolloutControl } from '../../domain/approval/can-control.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import type { RolloutStatus } from '../rollout-record.ts';
import { controlRollout } from './control-rollout.ts';
import { neutralText } from '../../domain/text/rich-text.ts';

const EVE = 'U0999EVE';
const GROUP_MEMBER = 'U0777GRP';
const isStep = (stepId: string) => (e: RolloutEvent) => e.type === 'StepSucceeded' && e.stepId === stepId;

/** The scene's rollout failed on node2's apply and waits for a decision (failed, the cluster locked, no owner). */
async function failedOnNode2(scene: ServiceScene) {
  scene.nodes.failing('node2', 'apply');
  const proc = scene.process();
  const result = await scene.approveAndRun(proc);
  expect(result?.outcome).toBe('failed');
  return proc;
}

describe('controlRollout: who may use which control in which status', () => {
  it.each<{ status: RolloutStatus; control: RolloutControl; user: string; groups?: string[]; atTerminal?: boolean; ok: boolean; message: RegExp }>([
    { status: 'running', control: 'pause', user: EVE, ok: false, message: /^Only approvers of prod can pause after the node in progress/ },
    { status: 'failed', control: 'resume', user: EVE, ok: false, message: /^Only approvers of prod can resume/ },
    { status: 'failed', control: 'rollback', user: EVE, ok: false, message: /^Only approvers of prod can roll back the changed nodes/ },
    { status: 'paused', control: 'leave', user: EVE, ok: false, message: /^Only approvers of prod can leave it as it is/ },
    { status: 'failed', control: 'pause', user: APPROVER, ok: false, message: /^This rollout is failed: it cannot pause after the node in progress now \(it can: resume, retry the node, roll back the changed nodes, leave it as it is\)$/ },
    { status: 'paused', control: 'retry', user: APPROVER, ok: false, message: /^This rollout is paused: it cannot retry the node now \(it can: resume, roll back the changed nodes, leave it as it is\)$/ },
    { status: 'running', control: 'resume', user: APPROVER, ok: false, message: /^This rollout is running: it cannot resume now \(it can: pause after the node in progress, abort\)$/ },
    { status: 'running', control: 'leave', user: APPROVER, ok: false, message: /it cannot leave it as it is now/ },
    { status: 'succeeded', control: 'abort', user: APPROVER, ok: false, message: /^This rollout is succeeded: it cannot abort now \(nothing more can be done to it\)$/ },
    { status: 'awaiting-approval', control: 'resume', user: APPROVER, ok: false, message: /nothing more can be done to it/ },
    { status: 'approved', control: 'pause', user: APPROVER, ok: true, message: /^Pause asked: / },
    { status: 'running', control: 'abort', user: GROUP_MEMBER, groups: ['S0OPS'], ok: true, message: /^Abort asked: / },
    { status: 'running', control: 'abort', user: 'cli:ops', atTerminal: true, ok: true, message: /^Abort asked: / },
    { status: 'interrupted', control: 'leave', user: APPROVER, ok: true, message: /^Left as it is: nothing more runs and prod is free for other requests$/ },
  ])('$user: $control on a $status rollout -> $ok', ({ status, control, user, groups = [], atTerminal = false, ok, message }) => {
    const scene = aServiceScene({ approval: { cluster: 'prod', approverUserIds: [APPROVER], approverGroupIds: ['S0OPS'], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C0123OPS'] } });
    const { deps } = scene.process();
    deps.store.update(scene.record.id, ['awaiting-approval'], { status });

    const outcome = controlRollout({ rolloutId: scene.record.id, control, userId: user, groupIds: groups, atTerminal }, deps);

    expect(outcome.ok).toBe(ok);
    expect(neutralText(outcome.message)).toMatch(message);
    const after = deps.store.get(scene.record.id);
    if (!ok) {
      expect(after?.status).toBe(status);
      expect(after?.control).toBeUndefined();
      expect(deps.store.auditTrail(scene.record.id).at(-1)).toMatchObject({ actor: user, action: `${control} refused` });
    }
    expect(scene.nodes.sent).toHaveLength(0);
  });
});

describe('controlRollout on a running rollout: pause and abort are stored for the run that owns it', () => {
  it.each([
    { control: 'pause', node2Did: ['stop', 'backup', 'patch-install', 'start'], summary: /^Paused on request\. / },
    { control: 'abort', node2Did: ['stop', 'restore', 'start'], summary: /^Aborted on request\. / },
  ] as const)('$control asked during node2: the owning run stops at its safe point, the cluster stays locked for a decision', async ({ control, node2Did, summary }) => {
    const scene = aServiceScene();
    const proc = scene.process();
    let asked: ReturnType<typeof controlRollout> | undefined;
    proc.onPublish = (event) => {
      if (isStep('node2/stop')(event)) asked = controlRollout({ rolloutId: scene.record.id, control, userId: APPROVER, groupIds: [] }, proc.deps);
    };

    const result = await scene.approveAndRun(proc);

    expect(asked).toMatchObject({ ok: true, record: { status: 'running', control: { kind: control, by: APPROVER } } });
    expect(result?.outcome).toBe('paused');
    expect(neutralText(result?.summary ?? [])).toMatch(summary);
    expect(proc.published.filter((e) => e.type === 'RunStopping')).toEqual([expect.objectContaining({ cause: control, by: APPROVER })]);
    expect(changesOn(scene.nodes, 'node2')).toEqual(node2Did);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    expect(scene.nodes.down()).toEqual([]);
    const record = scene.store.get(scene.record.id);
    expect(record).toMatchObject({ status: 'paused', outcomeNote: result?.summary });
    expect(record?.control).toBeUndefined();
    expect(scene.store.locks()).toEqual([{ cluster: 'prod', rolloutId: scene.record.id, owner: undefined, expiresAt: undefined }]);
    expect(scene.store.auditTrail(scene.record.id).map((a) => [a.actor, a.action])).toEqual(expect.arrayContaining([[APPROVER, control], ['bot', 'rollout paused']]));
  });
});

describe('controlRollout on a held rollout', () => {
  it.each([
    { control: 'resume', outcome: 'succeeded', locks: 0, node2Did: ['stop', 'backup', 'patch-install', 'start'], node3Did: ['stop', 'backup', 'patch-install', 'start'], node1Did: [] },
    { control: 'retry', outcome: 'paused', locks: 1, node2Did: ['stop', 'backup', 'patch-install', 'start'], node3Did: [], node1Did: [] },
    { control: 'rollback', outcome: 'rolled-back', locks: 0, node2Did: [], node3Did: [], node1Did: ['stop', 'restore', 'reinstall-patches', 'start'] },
  ] as const)('$control claims it (running, owned by this process) and runs it: $outcome', async ({ control, outcome, locks, node1Did, node2Did, node3Did }) => {
    const scene = aServiceScene();
    await failedOnNode2(scene);
    const proc = scene.process({ owner: SECOND_OWNER });
    const since = scene.nodes.sent.length;

    const asked = controlRollout({ rolloutId: scene.record.id, control, userId: APPROVER, groupIds: [] }, proc.deps);

    expect(asked).toMatchObject({ ok: true, record: { status: 'running' } });
    expect(scene.store.locks()).toMatchObject([{ cluster: 'prod', rolloutId: scene.record.id, owner: SECOND_OWNER }]);
    expect(proc.deps.ownership.runs.has(scene.record.id)).toBe(true);
    const result = asked.ok ? await asked.run : undefined;
    expect(result?.outcome).toBe(outcome);
    expect(proc.published[0]).toMatchObject({ type: 'RolloutResumed', mode: control, by: APPROVER });
    expect(scene.store.get(scene.record.id)?.status).toBe(outcome);
    expect(scene.store.locks()).toHaveLength(locks);
    expect(proc.deps.ownership.runs.size).toBe(0);
    expect(changesOn(scene.nodes, 'node1', since)).toEqual(node1Did);
    expect(changesOn(scene.nodes, 'node2', since)).toEqual(node2Did);
    expect(changesOn(scene.nodes, 'node3', since)).toEqual(node3Did);
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.store.auditTrail(scene.record.id).map((a) => [a.actor, a.action])).toContainEqual([APPROVER, control]);
  });

  it.each(['resume', 'retry'] as const)('%s after a failed preflight checks the nodes against the verdict again: refused while they differ, runs once they match', async (control) => {
    const scene = aServiceScene();
    scene.nodes.replacePatches('node3', ['dxp-15-7110']);
    expect((await scene.approveAndRun(scene.process({ owner: FIRST_OWNER })))?.outcome).toBe('failed');
    const proc = scene.process({ owner: SECOND_OWNER });
    const since = scene.nodes.sent.length;
    const again = async (): Promise<string | undefined> => {
      const asked = controlRollout({ rolloutId: scene.record.id, control, userId: APPROVER, groupIds: [] }, proc.deps);
      return asked.ok ? (await asked.run)?.outcome : undefined;
    };

    expect(await again()).toBe('failed');
    expect(neutralText(scene.store.get(scene.record.id)?.outcomeNote ?? [])).toMatch(/^Failed in preflight on node3: the nodes are not as the verdict assumed/);
    expect(['node1', 'node2', 'node3'].map((n) => changesOn(scene.nodes, n, since))).toEqual([[], [], []]);

    scene.nodes.replacePatches('node3', ['dxp-16-7110']);
    expect(await again()).toBe('succeeded');
    expect(['node1', 'node2', 'node3'].map((n) => scene.nodes.installed(n))).toEqual([['dxp-17-7110'], ['dxp-17-7110'], ['dxp-17-7110']]);
    expect(scene.nodes.down()).toEqual([]);
  });

  it('leave ends it as it is and releases the cluster lock, touching no node', async () => {
    const scene = aServiceScene();
    const proc = await failedOnNode2(scene);
    const since = scene.nodes.sent.length;

    const outcome = controlRollout({ rolloutId: scene.record.id, control: 'leave', userId: APPROVER, groupIds: [] }, proc.deps);

    expect(outcome).toMatchObject({ ok: true, record: { status: 'left-as-is', decisionNote: `left as it is by ${APPROVER}` } });
    expect(scene.store.locks()).toEqual([]);
    expect(scene.store.events(scene.record.id).at(-1)).toMatchObject({ type: 'RolloutLeft', by: APPROVER });
    expect(proc.published.at(-1)).toMatchObject({ type: 'RolloutLeft', by: APPROVER });
    expect(scene.nodes.sent.slice(since)).toEqual([]);
  });

  it('a second process asking to resume while the first one runs the resume is refused, and the run goes on undisturbed', async () => {
    const scene = aServiceScene();
    await failedOnNode2(scene);
    const first = scene.process({ owner: FIRST_OWNER });
    const second = scene.process({ owner: SECOND_OWNER });

    const running = controlRollout({ rolloutId: scene.record.id, control: 'resume', userId: APPROVER, groupIds: [] }, first.deps);
    const refused = controlRollout({ rolloutId: scene.record.id, control: 'resume', userId: APPROVER, groupIds: [] }, second.deps);

    expect(refused).toEqual({ ok: false, message: ['This rollout is running: it cannot resume now (it can: pause after the node in progress, abort)'] });
    expect(second.deps.ownership.runs.size).toBe(0);
    expect(running.ok && (await running.run)?.outcome).toBe('succeeded');
    expect(second.published).toEqual([]);
  });

  it('a held rollout whose lease a live process still holds is not claimed: refused, naming that process, nothing runs', async () => {
    const scene = aServiceScene();
    await failedOnNode2(scene);
    const until = scene.clock.now().getTime() + 20_000;
    scene.data.locks.set('prod', { cluster: 'prod', rolloutId: scene.record.id, owner: FIRST_OWNER, expiresAt: until });
    const proc = scene.process({ owner: SECOND_OWNER });
    const since = scene.nodes.sent.length;

    const outcome = controlRollout({ rolloutId: scene.record.id, control: 'resume', userId: APPROVER, groupIds: [] }, proc.deps);

    expect(outcome.ok).toBe(false);
    expect(neutralText(outcome.message)).toBe(`The rollout is run by ${FIRST_OWNER} (its lease runs until ${new Date(until).toISOString().slice(11, 19)} UTC): nothing was started`);
    expect(scene.store.get(scene.record.id)?.status).toBe('failed');
    expect(scene.store.locks()).toEqual([{ cluster: 'prod', rolloutId: scene.record.id, owner: FIRST_OWNER, expiresAt: until }]);
    expect(proc.deps.ownership.runs.size).toBe(0);
    expect(scene.nodes.sent.slice(since)).toEqual([]);
  });
});

describe('controlRollout on a rollout whose run is gone (its process killed, or its lease ran out)', () => {
  /** The first run killed (SIGKILL) while node2 is down: the record stays running, owned by FIRST_OWNER. */
  async function killedWithNode2Down(scene: ServiceScene): Promise<void> {
    const first = scene.process({ owner: FIRST_OWNER });
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded' && event.stepId === 'node2/stop') throw new Error('SIGKILL');
    };
    expect(await scene.approveAndRun(first)).toBeUndefined();
    expect(scene.store.get(scene.record.id)?.status).toBe('running');
    expect(scene.nodes.down()).toEqual(['node2']);
  }
  const taker = (scene: ServiceScene, how: 'process gone' | 'lease ran out') =>
    how === 'process gone'
      ? scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER })
      : (scene.clock.advance(31_000), scene.process({ owner: SECOND_OWNER }));

  it.each([
    { control: 'resume', how: 'process gone', outcome: 'succeeded', installed: ['dxp-17-7110', 'dxp-17-7110', 'dxp-17-7110'] },
    { control: 'resume', how: 'lease ran out', outcome: 'succeeded', installed: ['dxp-17-7110', 'dxp-17-7110', 'dxp-17-7110'] },
    { control: 'rollback', how: 'process gone', outcome: 'rolled-back', installed: ['dxp-16-7110', 'dxp-16-7110', 'dxp-16-7110'] },
  ] as const)('$control once the $how: taken over, told in the thread, $outcome, no node left down', async ({ control, how, outcome, installed }) => {
    const scene = aServiceScene();
    await killedWithNode2Down(scene);
    const proc = taker(scene, how);

    const asked = controlRollout({ rolloutId: scene.record.id, control, userId: APPROVER, groupIds: [], atTerminal: true }, proc.deps);

    expect(asked.ok).toBe(true);
    const result = asked.ok ? await asked.run : undefined;
    expect(result?.outcome).toBe(outcome);
    expect(proc.published[0]).toMatchObject({ type: 'RolloutInterrupted' });
    expect(neutralText(proc.published[0]?.type === 'RolloutInterrupted' ? proc.published[0].summary : [])).toMatch(
      new RegExp(`^the run that carried it out \\(${FIRST_OWNER}\\) is gone; it stopped after node2's stop step .*Taken over by ${APPROVER} to `),
    );
    expect(['node1', 'node2', 'node3'].map((n) => scene.nodes.installed(n)[0])).toEqual(installed);
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.store.locks()).toEqual([]);
    expect(scene.store.auditTrail(scene.record.id).map((a) => [a.actor, a.action])).toEqual(expect.arrayContaining([[APPROVER, 'taken over'], [APPROVER, control]]));
  });

  it('leave once the process is gone: the cluster is free, the nodes as they are (node2 still down: said, not hidden)', async () => {
    const scene = aServiceScene();
    await killedWithNode2Down(scene);
    const proc = taker(scene, 'process gone');

    const asked = controlRollout({ rolloutId: scene.record.id, control: 'leave', userId: APPROVER, groupIds: [], atTerminal: true }, proc.deps);

    expect(asked).toMatchObject({ ok: true, record: { status: 'left-as-is' } });
    expect(scene.store.locks()).toEqual([]);
    expect(proc.published.map((e) => e.type)).toEqual(['RolloutInterrupted', 'RolloutLeft']);
  });

  it('pause once the process is gone is refused with what can be done', async () => {
    const scene = aServiceScene();
    await killedWithNode2Down(scene);
    const proc = taker(scene, 'process gone');

    const asked = controlRollout({ rolloutId: scene.record.id, control: 'pause', userId: APPROVER, groupIds: [], atTerminal: true }, proc.deps);

    expect(asked.ok).toBe(false);
    expect(neutralText(asked.ok ? [] : asked.message)).toBe(
      `This rollout is interrupted: it cannot pause after the node in progress now (it can: resume, retry the node, roll back the changed nodes, leave it as it is); the run that carried it out (${FIRST_OWNER}) is gone`,
    );
    expect(scene.store.get(scene.record.id)?.status).toBe('running');
  });

  it('a run that is alive (its lease runs, its process is there) is not taken over: resume is refused as before', async () => {
    const scene = aServiceScene();
    await killedWithNode2Down(scene);
    const proc = scene.process({ owner: SECOND_OWNER });

    const asked = controlRollout({ rolloutId: scene.record.id, control: 'resume', userId: APPROVER, groupIds: [], atTerminal: true }, proc.deps);

    expect(asked).toEqual({ ok: false, message: ['This rollout is running: it cannot resume now (it can: pause after the node in progress, abort)'] });
    expect(scene.store.locks()).toMatchObject([{ owner: FIRST_OWNER }]);
  });
});
