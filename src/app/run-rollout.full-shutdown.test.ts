import { describe, expect, it } from 'vitest';
import { aRolloutScene, resultOf, type RolloutScene } from '../../test/builders/a-rollout-scene.ts';
import { APPROVER } from '../../test/builders/service-deps.ts';
import { changesOn, eventsOf, nodeSummary } from '../../test/support/rollout-checks.ts';
import { neutralText } from '../domain/text/rich-text.ts';

const FP16 = ['dxp-16-7110'];
const FP17 = ['dxp-17-7110'];
const NODES = ['node1', 'node2', 'node3'];
const verified = { status: 'verified', changed: true, done: true } as const;
const restored = { status: 'restored', changed: false, done: false } as const;

const installedOf = (scene: RolloutScene): (readonly string[])[] => NODES.map((n) => scene.nodes.installed(n));

/** A full shutdown: all nodes down together, and never old and new running side by side. */
function expectSound(scene: RolloutScene): void {
  expect(scene.nodes.unknownCommands).toEqual([]);
  expect(scene.nodes.mixedRunning).toEqual([]);
}

describe('runRollout, full shutdown', () => {
  it('stops every node, changes them, starts node1 alone and then the others, and verifies', async () => {
    const scene = aRolloutScene().fullShutdown().build();
    const run = await scene.run();

    expect(run.result?.outcome).toBe('succeeded');
    expect(scene.nodes.downTogether).toContainEqual(NODES);
    const waits = eventsOf(run.shown, 'StepSucceeded').filter((e) => e.kind === 'wait-cluster');
    expect(waits.map((e) => [e.node, e.detail?.match(/control: (\d+)/)?.[1]])).toEqual([
      ['node1', '1'],
      ['node2', '2'],
      ['node3', '3'],
    ]);
    expect(installedOf(scene)).toEqual([FP17, FP17, FP17]);
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });

  it.each([
    {
      name: 'restore on failure: every node put back and started, old version everywhere',
      scene: () => aRolloutScene().fullShutdown().build(),
      afterFailure: { down: [] as string[], installed: [FP16, FP16, FP16], nodes: { node1: restored, node2: restored, node3: restored } },
      summary: /^Failed on node2: .*Where things stand: node1, node2, node3 put back as it was and healthy\./,
      resumeDoes: { node1: ['stop', 'backup', 'patch-install', 'start'], node2: ['stop', 'backup', 'patch-install', 'start'], node3: ['stop', 'backup', 'patch-install', 'start'] },
    },
    {
      name: 'restore on failure off: every node left down as it is',
      scene: () => aRolloutScene().fullShutdown().withoutRestoreOnFailure().build(),
      afterFailure: {
        down: NODES,
        installed: [FP17, FP16, FP16],
        nodes: { node1: { status: 'updating', changed: true, done: false }, node2: { status: 'failed', changed: false, done: false }, node3: { status: 'stopping', changed: false, done: false } },
      },
      summary: /Restore on failure is off: the nodes were left as they are\. Where things stand: .*\. Way back for node1: /,
      resumeDoes: { node1: ['start'], node2: ['backup', 'patch-install', 'start'], node3: ['backup', 'patch-install', 'start'] },
    },
  ])("node2's apply fails while every node is down ($name); resume finishes the rollout", async ({ scene: build, afterFailure, summary, resumeDoes }) => {
    const scene = build();
    scene.nodes.failing('node2', 'apply');
    const failed = await scene.run();

    expect(failed.result?.outcome).toBe('failed');
    expect(neutralText(failed.result?.summary ?? [])).toMatch(summary);
    expect(scene.nodes.down()).toEqual(afterFailure.down);
    expect(installedOf(scene)).toEqual(afterFailure.installed);
    expect(nodeSummary(resultOf(failed).state)).toEqual(afterFailure.nodes);

    const resumed = await scene.run({ mode: 'resume', by: APPROVER });
    expect(resumed.result?.outcome).toBe('succeeded');
    expect(Object.fromEntries(NODES.map((n) => [n, changesOn(scene.nodes, n, resumed.since)]))).toEqual(resumeDoes);
    // Nothing starts before every node has the change.
    const sent = scene.nodes.commands(undefined, resumed.since);
    const firstStart = sent.findIndex((c) => c.does === 'start');
    expect(sent.slice(firstStart).filter((c) => c.does === 'patch-install' || c.does === 'stop')).toEqual([]);
    expect(nodeSummary(resultOf(resumed).state)).toEqual({ node1: verified, node2: verified, node3: verified });
    expect(installedOf(scene)).toEqual([FP17, FP17, FP17]);
    expect(scene.nodes.down()).toEqual([]);
    expectSound(scene);
  });
});
