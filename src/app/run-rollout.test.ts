import { describe, expect, it } from 'vitest';
import { aRolloutScene, resultOf, type RolloutScene } from '../../test/builders/a-rollout-scene.ts';
import { APPROVER } from '../../test/builders/service-deps.ts';
import { changesOn, eventsOf, nodeSummary } from '../../test/support/rollout-checks.ts';
import { neutralText } from '../domain/text/rich-text.ts';

const FP16 = ['dxp-16-7110'];
const FP17 = ['dxp-17-7110'];
const PROPERTY = 'property set index.read.only=true on prod';

const done = { status: 'healthy', changed: true, done: true } as const;
const verified = { status: 'verified', changed: true, done: true } as const;
const restored = { status: 'restored', changed: false, done: false } as const;
/** Checked in preflight, nothing more. */
const ready = { status: 'ready', changed: false, done: false } as const;
/** Found running as before by a continued run. */
const asBefore = { status: 'waiting', changed: false, done: false } as const;

/** Whatever happened, the fake understood every command and no two nodes were down at once. */
function expectSound(scene: RolloutScene): void {
  expect(scene.nodes.unknownCommands).toEqual([]);
  expect(scene.nodes.downTogether).toEqual([]);
}

describe('runRollout start: one node at a time, a failure stops before the next node and puts the node back', () => {
  it.each([
    {
      name: 'no fault: every node updated and verified',
      arrange: (_s: RolloutScene) => undefined,
      outcome: 'succeeded',
      nodes: { node1: verified, node2: verified, node3: verified },
      installed: [FP17, FP17, FP17],
      failedStep: undefined,
    },
    {
      name: "node2's apply fails once: node2 put back from its backup, node3 untouched",
      arrange: (s: RolloutScene) => s.nodes.failing('node2', 'apply'),
      outcome: 'failed',
      nodes: { node1: done, node2: restored, node3: ready },
      installed: [FP17, FP16, FP16],
      failedStep: 'node2/apply',
    },
    {
      name: "node2's backup fails: nothing to put back, node2 started again as it was",
      arrange: (s: RolloutScene) => s.nodes.failing('node2', 'backup'),
      outcome: 'failed',
      nodes: { node1: done, node2: restored, node3: ready },
      installed: [FP17, FP16, FP16],
      failedStep: 'node2/backup',
    },
    {
      name: "node2's JVM dies once during startup: put back, and it starts the second time",
      arrange: (s: RolloutScene) => s.nodes.crashesOnStart('node2'),
      outcome: 'failed',
      nodes: { node1: done, node2: restored, node3: ready },
      installed: [FP17, FP16, FP16],
      failedStep: 'node2/wait-started',
    },
    {
      name: 'node2 never becomes healthy: put back, still unhealthy, the run holds',
      arrange: (s: RolloutScene) => s.nodes.neverHealthy('node2'),
      outcome: 'failed',
      nodes: { node1: done, node2: { status: 'failed', changed: false, done: false }, node3: ready },
      installed: [FP17, FP16, FP16],
      failedStep: 'node2/wait-healthy',
    },
    {
      name: "node2's stop hangs: it is force-killed at the stop time-out and the rollout goes on",
      arrange: (s: RolloutScene) => s.nodes.stopHangs('node2'),
      outcome: 'succeeded',
      nodes: { node1: verified, node2: verified, node3: verified },
      installed: [FP17, FP17, FP17],
      failedStep: undefined,
    },
  ])('$name', async ({ arrange, outcome, nodes, installed, failedStep }) => {
    const scene = aRolloutScene().build();
    arrange(scene);
    const run = await scene.run();

    expect(run.result?.outcome).toBe(outcome);
    expect(nodeSummary(resultOf(run).state)).toEqual(nodes);
    expect(['node1', 'node2', 'node3'].map((n) => scene.nodes.installed(n))).toEqual(installed);
    expect(run.result?.state.failure?.stepId).toBe(failedStep);
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
    if (outcome === 'failed') {
      expect(changesOn(scene.nodes, 'node3')).toEqual([]);
      // The way back names its request as a command part: each channel spells it (`/liferay …`, `liferay-rollout run -- …`).
      expect(neutralText(run.result?.summary ?? [])).toMatch(/^Failed on node2: .*Way back for node1: fixpack revert dxp-17-7110 on prod/);
      expect(run.result?.summary).toContainEqual({ command: 'fixpack revert dxp-17-7110 on prod' });
    }
  });

  it("puts node2's restore steps after the failure, with the '#restore' steps of the way back", async () => {
    const scene = aRolloutScene().build();
    scene.nodes.failing('node2', 'apply');
    const run = await scene.run();
    const after = run.shown.slice(run.shown.findIndex((e) => e.type === 'StepFailed'));
    expect(after.map((e) => (e.type === 'StepStarted' ? e.stepId : e.type))).toEqual([
      'StepFailed',
      'NodeFound',
      'RestoreStarted',
      'node2/stop#restore',
      'StepSucceeded',
      'node2/restore#restore',
      'StepSucceeded',
      'node2/start#restore',
      'StepSucceeded',
      'node2/wait-started#restore',
      'StepSucceeded',
      'node2/wait-healthy#restore',
      'StepSucceeded',
      'node2/wait-cluster#restore',
      'StepSucceeded',
      'RestoreFinished',
      'RolloutDone',
    ]);
    expect(changesOn(scene.nodes, 'node2')).toEqual(['stop', 'backup', 'patch-install', 'restore', 'reinstall-patches', 'start']);
  });

  it('edits text files the same way: a failed write on node2 leaves its portal-ext.properties as it was', async () => {
    const scene = aRolloutScene().forRequest(PROPERTY).build();
    scene.nodes.failing('node2', 'apply');
    const run = await scene.run();
    expect(run.result?.outcome).toBe('failed');
    expect(scene.nodes.file('node1', 'portal-ext.properties')).toContain('index.read.only=true');
    expect(scene.nodes.file('node2', 'portal-ext.properties')).toBeUndefined();
    expect(nodeSummary(resultOf(run).state)).toMatchObject({ node1: done, node2: restored, node3: ready });
    expectSound(scene);
  });
});

describe('runRollout after a failure on node2 (the stored events as past)', () => {
  async function failedOnNode2(request?: string): Promise<RolloutScene> {
    const scene = (request === undefined ? aRolloutScene() : aRolloutScene().forRequest(request)).build();
    scene.nodes.failing('node2', 'apply');
    const first = await scene.run();
    expect(first.result?.outcome).toBe('failed');
    return scene;
  }

  it('resume: finds where every node stands, leaves node1 as it is, does node2 and node3, then the post-check', async () => {
    const scene = await failedOnNode2();
    const run = await scene.run({ mode: 'resume', by: APPROVER });

    expect(run.result?.outcome).toBe('succeeded');
    expect(run.shown[0]).toMatchObject({ type: 'RolloutResumed', mode: 'resume', by: APPROVER, nodes: ['node2', 'node3'] });
    expect(eventsOf(run.shown, 'NodeFound').map(({ node, running, healthy, hasChange }) => ({ node, running, healthy, hasChange }))).toEqual([
      { node: 'node1', running: true, healthy: true, hasChange: 'yes' },
      { node: 'node2', running: true, healthy: true, hasChange: 'no' },
      { node: 'node3', running: true, healthy: true, hasChange: 'no' },
    ]);
    expect(changesOn(scene.nodes, 'node1', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual(['stop', 'backup', 'patch-install', 'start']);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual(['stop', 'backup', 'patch-install', 'start']);
    // The first run's backup (taken before the change) is kept.
    expect(eventsOf(run.shown, 'StepSucceeded').find((e) => e.stepId === 'node2/backup')?.detail).toMatch(/^backup already taken/);
    expect(eventsOf(run.shown, 'StepSucceeded').filter((e) => e.kind === 'verify').map((e) => e.node)).toEqual(['node1', 'node2', 'node3']);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: verified, node2: verified, node3: verified });
    expect(['node1', 'node2', 'node3'].map((n) => scene.nodes.installed(n))).toEqual([FP17, FP17, FP17]);
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });

  it('retry: only the failed node runs, then it holds as paused with node3 still to do', async () => {
    const scene = await failedOnNode2();
    const run = await scene.run({ mode: 'retry', by: APPROVER });

    expect(run.result?.outcome).toBe('paused');
    expect(run.shown[0]).toMatchObject({ type: 'RolloutResumed', mode: 'retry', message: 'retrying node2' });
    expect(neutralText(run.result?.summary ?? [])).toMatch(/^Retried node2: it is done; node3 still to do/);
    expect(changesOn(scene.nodes, 'node1', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual(['stop', 'backup', 'patch-install', 'start']);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual([]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: done, node2: done, node3: ready });
    expect(eventsOf(run.shown, 'StepStarted').filter((e) => e.kind === 'verify')).toEqual([]);
    expectSound(scene);

    const rest = await scene.run({ mode: 'resume', by: APPROVER });
    expect(rest.result?.outcome).toBe('succeeded');
    expect(changesOn(scene.nodes, 'node2', rest.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node3', rest.since)).toEqual(['stop', 'backup', 'patch-install', 'start']);
  });

  it.each([
    { request: 'fixpack install dxp-17-7110 on prod', node1Has: (s: RolloutScene) => s.nodes.installed('node1'), before: FP16 },
    { request: PROPERTY, node1Has: (s: RolloutScene) => s.nodes.file('node1', 'portal-ext.properties'), before: undefined },
  ])('roll back ($request): node1, the changed node, gets its backup back; node2 and node3 are not touched', async ({ request, node1Has, before }) => {
    const scene = await failedOnNode2(request);
    const run = await scene.run({ mode: 'rollback', by: APPROVER });

    expect(run.result?.outcome).toBe('rolled-back');
    expect(run.shown[0]).toMatchObject({ type: 'RolloutResumed', mode: 'rollback', nodes: ['node1'] });
    expect(node1Has(scene)).toEqual(before);
    expect(changesOn(scene.nodes, 'node1', run.since)).toContain('restore');
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual([]);
    expect(eventsOf(run.shown, 'RestoreFinished')).toMatchObject([{ node: 'node1', ok: true, purpose: 'rollback' }]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: { status: 'rolled-back', changed: false, done: false }, node2: asBefore, node3: asBefore });
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });

  it.each([
    {
      name: 'node1 put back but never healthy again',
      arrange: (s: RolloutScene) => s.nodes.neverHealthy('node1'),
      node1: { status: 'failed', changed: false, done: false },
      installed: FP16,
      running: true,
      stands: 'node1 NOT healthy: check it',
    },
    {
      name: "node1's put-back command fails",
      arrange: (s: RolloutScene) => s.nodes.failing('node1', 'restore'),
      node1: { status: 'failed', changed: true, done: false },
      installed: FP17,
      running: false,
      stands: 'node1 has the change but is NOT healthy: check it',
    },
  ])('a roll back that fails ($name) holds as failed and says where node1 really stands', async ({ arrange, node1, installed, running, stands }) => {
    const scene = await failedOnNode2();
    arrange(scene);
    const run = await scene.run({ mode: 'rollback', by: APPROVER });

    expect(run.result?.outcome).toBe('failed');
    expect(neutralText(run.result?.summary ?? [])).toBe(`Roll back failed on node1. Where things stand: ${stands}; node2, node3 untouched.`);
    expect(scene.nodes.installed('node1')).toEqual(installed);
    expect(scene.nodes.isRunning('node1')).toBe(running);
    expect(nodeSummary(resultOf(run).state)).toMatchObject({ node1 });
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual([]);
    expectSound(scene);
  });
});
