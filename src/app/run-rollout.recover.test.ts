import { describe, expect, it } from 'vitest';
import { aRolloutScene, stepEvent, resultOf, type RolloutScene } from '../../test/builders/a-rollout-scene.ts';
import { changesOn, eventsOf, nodeSummary } from '../../test/support/rollout-checks.ts';
import { neutralText } from '../domain/text/rich-text.ts';

const FULL_NODE = ['stop', 'backup', 'patch-install', 'start'];
const FP17 = ['dxp-17-7110'];
const done = { status: 'healthy', changed: true, done: true } as const;
const verified = { status: 'verified', changed: true, done: true } as const;
const restored = { status: 'restored', changed: false, done: false } as const;
/** Found running as before, then its artifacts staged again. */
const ready = { status: 'ready', changed: false, done: false } as const;

/** Where the bot was killed (SIGKILL: nothing after it was recorded or done), and what that left on node2. */
const KILLS = [
  {
    at: "after node2's stop",
    kill: async (s: RolloutScene) => s.run({ killWhen: stepEvent('node2/stop') }),
    left: { running: false, installed: ['dxp-16-7110'], marker: undefined },
    resumeDoes: ['backup', 'patch-install', 'start'],
    askDoes: ['restore', 'start'],
    askLeaves: restored,
  },
  {
    at: "during node2's apply (Patching Tool goes on after the bot died)",
    kill: async (s: RolloutScene) => {
      s.nodes.diesDuring('node2', 'apply');
      return s.run();
    },
    left: { running: false, installed: ['dxp-16-7110'], marker: 'node2/apply' },
    resumeDoes: ['start'],
    askDoes: ['start'],
    askLeaves: done,
  },
  {
    at: "after node2's apply",
    kill: async (s: RolloutScene) => s.run({ killWhen: stepEvent('node2/apply') }),
    left: { running: false, installed: FP17, marker: undefined },
    resumeDoes: ['start'],
    askDoes: ['start'],
    askLeaves: done,
  },
  {
    at: "after node2's start, before its health gates",
    kill: async (s: RolloutScene) => s.run({ killWhen: stepEvent('node2/start') }),
    left: { running: true, installed: FP17, marker: undefined },
    resumeDoes: [],
    askDoes: [],
    askLeaves: done,
  },
];

async function killed(kill: (s: RolloutScene) => Promise<unknown>): Promise<RolloutScene> {
  const scene = aRolloutScene().build();
  await kill(scene);
  return scene;
}

describe('runRollout recover: the bot restarted in the middle of node2', () => {
  it.each(KILLS)('killed $at: the kill leaves node2 as expected', async ({ kill, left }) => {
    const scene = await killed(kill);
    expect({ running: scene.nodes.isRunning('node2'), installed: scene.nodes.installed('node2'), marker: scene.nodes.marker('node2') }).toEqual(left);
    expect(scene.stored.at(-1)?.type).not.toBe('RolloutDone');
  });

  it.each(KILLS)('killed $at, afterRestart resume: finishes node2, does node3, succeeds; node1 is not touched', async ({ kill, resumeDoes }) => {
    const scene = await killed(kill);
    const run = await scene.run({ mode: 'recover', by: 'bot', afterRestart: 'resume' });

    expect(run.result?.outcome).toBe('succeeded');
    expect(run.shown[0]).toMatchObject({ type: 'RolloutResumed', mode: 'recover', by: 'bot', message: 'the bot restarted: finding where every node stands' });
    expect(changesOn(scene.nodes, 'node1', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual(resumeDoes);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual(FULL_NODE);
    expect(['node1', 'node2', 'node3'].map((n) => scene.nodes.installed(n))).toEqual([FP17, FP17, FP17]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: verified, node2: verified, node3: verified });
    expect(scene.nodes.marker('node2')).toBeUndefined();
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.nodes.downTogether).toEqual([]);
    expect(scene.nodes.unknownCommands).toEqual([]);
  });

  it.each(KILLS)('killed $at, afterRestart ask: node2 brought up, node3 untouched, interrupted', async ({ kill, askDoes, askLeaves }) => {
    const scene = await killed(kill);
    const run = await scene.run({ mode: 'recover', by: 'bot', afterRestart: 'ask' });

    expect(run.result?.outcome).toBe('interrupted');
    expect(neutralText(run.result?.summary ?? [])).toMatch(/^The bot restarted while this ran and brought the nodes back to a healthy state\. This cluster is set to wait for a decision after a restart \(afterRestart: ask\)\./);
    expect(changesOn(scene.nodes, 'node1', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual(askDoes);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual([]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1: done, node2: askLeaves, node3: ready });
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.nodes.unknownCommands).toEqual([]);
  });

  it.each([
    {
      name: 'node1 lost its change (reverted by hand)',
      arrange: (s: RolloutScene) => s.nodes.replacePatches('node1', ['dxp-16-7110']),
      node1: { status: 'restored', changed: false, done: false },
    },
    {
      name: 'node1 is no longer healthy',
      arrange: (s: RolloutScene) => s.nodes.neverHealthy('node1', 'now'),
      node1: { status: 'failed', changed: true, done: false },
    },
  ])('a done node that no longer verifies ($name): node2 brought up, then it holds as interrupted; node1 is not stopped', async ({ arrange, node1 }) => {
    const scene = await killed(async (s) => s.run({ killWhen: stepEvent('node2/stop') }));
    arrange(scene);
    const run = await scene.run({ mode: 'recover', by: 'bot', afterRestart: 'resume' });

    expect(run.result?.outcome).toBe('interrupted');
    expect(neutralText(run.result?.summary ?? [])).toMatch(/node1 no longer verifies as updated and healthy, so the bot does not continue on its own\./);
    expect(eventsOf(run.shown, 'NodeFound').find((e) => e.node === 'node1')).toMatchObject({ running: true });
    expect(changesOn(scene.nodes, 'node1', run.since)).toEqual([]);
    expect(changesOn(scene.nodes, 'node2', run.since)).toEqual(['restore', 'start']);
    expect(changesOn(scene.nodes, 'node3', run.since)).toEqual([]);
    expect(nodeSummary(resultOf(run).state)).toEqual({ node1, node2: restored, node3: ready });
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.nodes.unknownCommands).toEqual([]);
  });
});
