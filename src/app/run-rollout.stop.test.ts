import { describe, expect, it } from 'vitest';
import { aRolloutScene, stepEvent, resultOf, type RolloutScene, type SceneRunOptions } from '../../test/builders/a-rollout-scene.ts';
import { APPROVER } from '../../test/builders/service-deps.ts';
import { changesOn, eventsOf, nodeSummary, stepsRun } from '../../test/support/rollout-checks.ts';
import { neutralText } from '../domain/text/rich-text.ts';

const done = { status: 'healthy', changed: true, done: true } as const;
const restored = { status: 'restored', changed: false, done: false } as const;
const ready = { status: 'ready', changed: false, done: false } as const;
const FULL_NODE = ['stop', 'backup', 'patch-install', 'start'];
/** The steps that bring node2 back up: put back (`#restore`), or its own bring-up when it has the change. */
const NODE2_BACK_UP = /^node2\/((stop|restore)#restore|(start|wait-started|wait-healthy|wait-cluster)(#restore)?)$/;

function expectSound(scene: RolloutScene): void {
  expect(scene.nodes.unknownCommands).toEqual([]);
  expect(scene.nodes.downTogether).toEqual([]);
}

describe('runRollout: abort stops after the current step and brings the node in progress back up', () => {
  it.each([
    { after: 'node2/stop', node2: restored, node2Did: ['stop', 'restore', 'start'], installed: ['dxp-16-7110'] },
    { after: 'node2/backup', node2: restored, node2Did: ['stop', 'backup', 'restore', 'reinstall-patches', 'start'], installed: ['dxp-16-7110'] },
    { after: 'node2/apply', node2: done, node2Did: FULL_NODE, installed: ['dxp-17-7110'] },
  ])('abort right after $after: node2 back up ($node2.status), nothing left down, paused', async ({ after, node2, node2Did, installed }) => {
    const scene = aRolloutScene().build();
    const run = await scene.run({ ask: { when: stepEvent(after), cause: 'abort', by: APPROVER } });

    expect(run.result?.outcome).toBe('paused');
    expect(neutralText(run.result?.summary ?? [])).toMatch(/^Aborted on request\. Where things stand: /);
    expect(run.result?.state.stopCause).toBe('abort');
    const stopping = run.shown.findIndex((e) => e.type === 'RunStopping');
    expect(run.shown[stopping]).toMatchObject({ type: 'RunStopping', cause: 'abort', by: APPROVER });
    // Not one more plan step after the abort: only the way back up.
    expect(stepsRun(run.shown.slice(stopping)).filter((id) => !NODE2_BACK_UP.test(id))).toEqual([]);
    expect(changesOn(scene.nodes, 'node2')).toEqual(node2Did);
    expect(scene.nodes.installed('node2')).toEqual(installed);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: done, node2, node3: ready });
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });
});

describe('runRollout: pause and shutdown let the node in progress finish its whole part', () => {
  it.each([
    { cause: 'pause', by: APPROVER, summary: /^Paused on request\. / },
    { cause: 'shutdown', by: undefined, summary: /^Paused: the bot shut down; it resumes when it starts again\. / },
  ] as const)('$cause asked during node2: node2 completes, then paused with node3 untouched', async ({ cause, by, summary }) => {
    const scene = aRolloutScene().build();
    const run = await scene.run({ ask: { when: stepEvent('node2/stop'), cause, ...(by === undefined ? {} : { by }) } });

    expect(run.result?.outcome).toBe('paused');
    expect(neutralText(run.result?.summary ?? [])).toMatch(summary);
    expect(run.result?.state.stopCause).toBe(cause);
    expect(eventsOf(run.shown, 'RunStopping')).toEqual([expect.objectContaining({ cause, ...(by === undefined ? {} : { by }) })]);
    expect(changesOn(scene.nodes, 'node2')).toEqual(FULL_NODE);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    expect(eventsOf(run.shown, 'NodeDone').map((e) => e.node)).toEqual(['node1', 'node2']);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: done, node2: done, node3: ready });
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);

    const resumed = await scene.run({ mode: 'resume', by: 'bot' });
    expect(resumed.result?.outcome).toBe('succeeded');
    expect(changesOn(scene.nodes, 'node2', resumed.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node3', resumed.since)).toEqual(FULL_NODE);
  });
});

describe('runRollout: the store fails', () => {
  it('at node2\'s stop: stops at the next safe point with node2 back up, failed, and the notifier still gets every event', async () => {
    const scene = aRolloutScene().build();
    const run = await scene.run({ storeFailsWhen: stepEvent('node2/stop', 'StepStarted') });

    expect(run.result?.outcome).toBe('failed');
    expect(neutralText(run.result?.summary ?? [])).toMatch(/^Stopped: the rollout store failed \(SQLITE_FULL: database or disk is full\): nothing more is recorded, so the run stops\./);
    expect(run.recorded.at(-1)).toMatchObject({ type: 'NodeDone', node: 'node1' });
    expect(run.shown.slice(0, run.recorded.length)).toEqual(run.recorded);
    expect(run.shown.slice(run.recorded.length).map((e) => e.type)).toEqual(expect.arrayContaining(['StepStarted', 'RunStopping', 'RestoreStarted', 'RestoreFinished', 'RolloutDone']));
    expect(run.shown.at(-1)).toMatchObject({ type: 'RolloutDone', outcome: 'failed' });
    expect(changesOn(scene.nodes, 'node2')).toEqual(['stop', 'restore', 'start']);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: done, node2: restored, node3: ready });
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });
});

describe('runRollout: the lease is lost (fencing)', () => {
  async function failedOnNode2(scene: RolloutScene): Promise<void> {
    scene.nodes.failing('node2', 'apply');
    expect((await scene.run()).result?.outcome).toBe('failed');
  }

  it.each<{ name: string; arrange: (scene: RolloutScene) => Promise<void> | void; run: SceneRunOptions; node2Down: boolean }>([
    { name: "after node2's stop", arrange: () => undefined, run: { loseWhen: stepEvent('node2/stop') }, node2Down: true },
    { name: "after node2's backup", arrange: () => undefined, run: { loseWhen: stepEvent('node2/backup') }, node2Down: true },
    {
      name: "when node2's apply fails (no put-back: the new owner decides)",
      arrange: (scene) => {
        scene.nodes.failing('node2', 'apply');
      },
      run: { loseWhen: stepEvent('node2/apply', 'StepFailed') },
      node2Down: true,
    },
    {
      name: 'while a resume finds where the nodes stand',
      arrange: failedOnNode2,
      run: { mode: 'resume', by: APPROVER, loseWhen: (e) => e.type === 'NodeFound' && e.node === 'node1' },
      node2Down: false,
    },
    {
      name: 'while a roll back finds where the nodes stand',
      arrange: failedOnNode2,
      run: { mode: 'rollback', by: APPROVER, loseWhen: (e) => e.type === 'NodeFound' && e.node === 'node2' },
      node2Down: false,
    },
  ])('$name: outcome lost, not one more command to any node, nothing more said', async ({ arrange, run: options, node2Down }) => {
    const scene = aRolloutScene().build();
    await arrange(scene);
    let shownAtLoss = -1;
    const run = await scene.run({
      ...options,
      loseWhen: (e) => {
        const lost = options.loseWhen?.(e) === true;
        if (lost && shownAtLoss < 0) shownAtLoss = scene.stored.length;
        return lost;
      },
    });

    expect(run.result?.outcome).toBe('lost');
    expect(neutralText(run.result?.summary ?? [])).toBe('Stopped: another process took the rollout over. Another run owns the rollout now.');
    expect(run.afterLoss).toEqual([]);
    expect(scene.stored.length).toBe(shownAtLoss);
    expect(scene.nodes.isRunning('node2')).toBe(!node2Down);
    expect(scene.nodes.unknownCommands).toEqual([]);
  });
});
