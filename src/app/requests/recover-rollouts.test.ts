import { describe, expect, it } from 'vitest';
import { aServiceScene, FIRST_OWNER, SECOND_OWNER, type ServiceScene } from '../../../test/builders/a-service-scene.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { APPROVER } from '../../../test/builders/service-deps.ts';
import { changesOn, eventsOf, stepsRun } from '../../../test/support/rollout-checks.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { recoverRollouts } from './recover-rollouts.ts';
import { neutralText } from '../../domain/text/rich-text.ts';

/** Events with their summary as neutral text too (`summaryText`), to match on words: a summary holds times as parts. */
const withText = (events: readonly RolloutEvent[]): readonly (RolloutEvent & { summaryText?: string })[] =>
  events.map((e) => ('summary' in e && Array.isArray(e.summary) ? { ...e, summaryText: neutralText(e.summary) } : e));

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
    expect(withText(second.published.slice(0, 2))).toMatchObject([
      { type: 'RolloutInterrupted', summaryText: expect.stringMatching(/^the run that carried it out \(bot:ops@host1:111\) is gone; it stopped after node2's stop step/) as string },
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
    second.deps.ownership.runs.set(scene.record.id, new Promise(() => undefined));

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
      if (afterNode2Stop(event)) first.deps.ownership.shutdown.requested = true;
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

/** Log lines a process wrote: `[level, msg]`. */
const capturingLog = (): { readonly lines: [string, string][]; readonly log: { info: Fn; warn: Fn; error: Fn; debug: Fn } } => {
  const lines: [string, string][] = [];
  const at =
    (level: string): Fn =>
    (_fields, msg) =>
      void lines.push([level, msg ?? '']);
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
};
type Fn = (fields: object, msg?: string) => void;

/** A store that throws on the reads and writes recovery makes while `broken` (the write lock held, the file immutable). */
class BreakableStore extends InMemoryRolloutStore {
  broken: 'locks' | 'claim' | undefined;

  override locks(): ReturnType<InMemoryRolloutStore['locks']> {
    if (this.broken === 'locks') throw new Error('SQLITE_BUSY: database is locked');
    return super.locks();
  }

  override claim(...args: Parameters<InMemoryRolloutStore['claim']>): ReturnType<InMemoryRolloutStore['claim']> {
    if (this.broken === 'claim') throw new Error('SQLITE_IOERR: disk I/O error');
    return super.claim(...args);
  }
}

describe('recoverRollouts: the account of the dead run', () => {
  it('the interruption names the dead owner, where it stopped and what it recorded last; the audit trail holds the same account', async () => {
    const scene = aServiceScene();
    await killedAfterNode2Stop(scene);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });

    const recovered = recoverRollouts(second.deps);
    await recovered[0]?.run;

    const interrupted = second.published[0];
    if (interrupted?.type !== 'RolloutInterrupted') throw new Error(`not an interruption: ${JSON.stringify(interrupted)}`);
    expect(neutralText(interrupted.summary)).toMatch(
      /^the run that carried it out \(bot:ops@host1:111\) is gone; it stopped after node2's stop step \(\d\d:\d\d:\d\d UTC\)\. Last recorded: node1 healthy and back in the cluster \(\d\d:\d\d:\d\d UTC\); node2: [^;]+ done \(\d\d:\d\d:\d\d UTC\)\. The bot now finds where every node stands, then finishes or puts back the node in progress and continues$/,
    );
    expect(scene.store.auditTrail(scene.record.id).find((a) => a.action === 'recovering')?.detail).toEqual(interrupted.summary);
  });

  it('afterRestart ask: the account says the bot brings any node left behind back up and waits for a decision', async () => {
    const scene = aServiceScene({ afterRestart: 'ask' });
    await killedAfterNode2Stop(scene);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });

    await recoverRollouts(second.deps)[0]?.run;

    expect(withText(second.published)[0]).toMatchObject({ type: 'RolloutInterrupted', summaryText: expect.stringMatching(/Last recorded: .+\. The bot now finds where every node stands, then brings any node left behind back up and waits for a decision$/) as string });
  });
});

describe('recoverRollouts: the store broken while recovery looks', () => {
  it('the cluster locks cannot be read: logged, nothing taken over, no node touched; once the store answers the next look takes the rollout over', async () => {
    const scene = aServiceScene();
    const expiresAt = await killedAfterNode2Stop(scene);
    scene.clock.advance(expiresAt - scene.clock.now().getTime());
    const store = new BreakableStore(scene.data);
    store.broken = 'locks';
    const { lines, log } = capturingLog();
    const second = scene.process({ owner: SECOND_OWNER, store, log });
    const since = scene.nodes.sent.length;

    expect(recoverRollouts(second.deps)).toEqual([]);
    expect(recoverRollouts(second.deps)).toEqual([]);
    expect(lines.filter(([level]) => level === 'error')).toEqual([
      ['error', 'cannot read the cluster locks: no recovery this time'],
      ['error', 'cannot read the cluster locks: no recovery this time'],
    ]);
    expect(scene.nodes.sent.slice(since)).toEqual([]);
    expect(scene.store.locks()).toMatchObject([{ owner: FIRST_OWNER }]);

    store.broken = undefined;
    const recovered = recoverRollouts(second.deps);
    expect(lines).toContainEqual(['warn', 'taking over an interrupted rollout']);
    expect((await recovered[0]?.run)?.outcome).toBe('succeeded');
    expect(changesOn(scene.nodes, 'node2', since)).toEqual(['backup', 'patch-install', 'start']);
    expect(scene.store.locks()).toEqual([]);
  });

  it('the claim cannot be written: recovery throws (the bot logs it and tries again later), the record and lock stay as they were, no node touched; then it is taken over', async () => {
    const scene = aServiceScene();
    const expiresAt = await killedAfterNode2Stop(scene);
    scene.clock.advance(expiresAt - scene.clock.now().getTime());
    const store = new BreakableStore(scene.data);
    store.broken = 'claim';
    const second = scene.process({ owner: SECOND_OWNER, store });
    const since = scene.nodes.sent.length;

    expect(() => recoverRollouts(second.deps)).toThrow(/disk I\/O error/);
    expect(scene.store.get(scene.record.id)?.status).toBe('running');
    expect(scene.store.locks()).toMatchObject([{ owner: FIRST_OWNER }]);
    expect(scene.store.events(scene.record.id).filter((e) => e.type === 'RolloutInterrupted')).toEqual([]);
    expect(scene.nodes.sent.slice(since)).toEqual([]);
    expect(second.deps.ownership.runs.size).toBe(0);

    store.broken = undefined;
    expect((await recoverRollouts(second.deps)[0]?.run)?.outcome).toBe('succeeded');
    expect(scene.store.events(scene.record.id).filter((e) => e.type === 'RolloutInterrupted')).toHaveLength(1);
    expect(scene.nodes.down()).toEqual([]);
  });
});

/** The first bot process is killed right after `when` is published: nothing after it is recorded or done, no node is left down. */
async function killedAt(scene: ServiceScene, when: (e: RolloutEvent) => boolean): Promise<void> {
  const first = scene.process({ owner: FIRST_OWNER });
  first.onPublish = (event) => {
    if (when(event)) throw new Error('SIGKILL');
  };
  expect(await scene.approveAndRun(first)).toBeUndefined();
  expect(scene.store.get(scene.record.id)?.status).toBe('running');
  expect(scene.store.locks()).toMatchObject([{ owner: FIRST_OWNER }]);
  expect(scene.nodes.down()).toEqual([]);
}

const succeeded =
  (stepId: string) =>
  (e: RolloutEvent): boolean =>
    e.type === 'StepSucceeded' && e.stepId === stepId;
const NODES = ['node1', 'node2', 'node3'];
/** What the recovery read from each node: [node, running, healthy, hasChange]. */
const found = (events: readonly RolloutEvent[]): [string, boolean, boolean, string][] => eventsOf(events, 'NodeFound').map((e) => [e.node, e.running, e.healthy, e.hasChange]);
const allChanges = (scene: ServiceScene, since: number): string[][] => NODES.map((n) => changesOn(scene.nodes, n, since));

describe('recoverRollouts: the owner killed in preflight (no node stopped yet)', () => {
  const killedInPreflight = async (afterRestart: 'resume' | 'ask'): Promise<{ scene: ServiceScene; second: ReturnType<ServiceScene['process']>; since: number }> => {
    const scene = aServiceScene({ afterRestart });
    // node2 probed, its artifact not staged yet; node3 not looked at.
    await killedAt(scene, succeeded('node2/probe'));
    expect(allChanges(scene, 0)).toEqual([[], [], []]);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });
    return { scene, second, since: scene.nodes.sent.length };
  };

  it('afterRestart resume: every node found running without the change, every artifact staged, the whole rollout run, succeeded', async () => {
    const { scene, second, since } = await killedInPreflight('resume');

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(result?.outcome).toBe('succeeded');
    expect(withText(second.published.slice(0, 2))).toMatchObject([
      { type: 'RolloutInterrupted', summaryText: expect.stringMatching(/^the run that carried it out \(bot:ops@host1:111\) is gone; it stopped after node2's probe step \(/) as string },
      { type: 'RolloutResumed', mode: 'recover', by: 'bot', nodes: NODES },
    ]);
    expect(found(second.published)).toEqual(NODES.map((n) => [n, true, true, 'no']));
    expect(stepsRun(second.published).filter((id) => id.endsWith('/stage'))).toEqual(['node1/stage', 'node2/stage', 'node3/stage']);
    expect(allChanges(scene, since)).toEqual([FULL_NODE, FULL_NODE, FULL_NODE]);
    expect(NODES.map((n) => scene.nodes.installed(n))).toEqual(NODES.map(() => ['dxp-17-7110']));
    expect(second.published.at(-1)).toMatchObject({ type: 'RolloutDone', outcome: 'succeeded' });
    expect(scene.store.get(scene.record.id)?.status).toBe('succeeded');
    expect(scene.store.locks()).toEqual([]);
    expect(scene.nodes.downTogether).toEqual([]);
    expect(scene.nodes.unknownCommands).toEqual([]);
  });

  it('afterRestart ask: every node found running as before, none touched, held as interrupted with the cluster locked', async () => {
    const { scene, second, since } = await killedInPreflight('ask');

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(result?.outcome).toBe('interrupted');
    expect(neutralText(result?.summary ?? [])).toMatch(/afterRestart: ask\)\. Where things stand: node1, node2, node3 untouched\.$/);
    expect(found(second.published)).toEqual(NODES.map((n) => [n, true, true, 'no']));
    expect(allChanges(scene, since)).toEqual([[], [], []]);
    expect(second.published.at(-1)).toMatchObject({ type: 'RolloutDone', outcome: 'interrupted' });
    expect(scene.store.get(scene.record.id)?.status).toBe('interrupted');
    expect(scene.store.locks()).toEqual([{ cluster: 'prod', rolloutId: scene.record.id, owner: undefined, expiresAt: undefined }]);
    expect(scene.nodes.down()).toEqual([]);
  });
});

describe('recoverRollouts: the owner killed in preflight, a node changed by hand while the bot was down', () => {
  it('afterRestart resume: the nodes are checked against the verdict again; the run fails in preflight and changes nothing', async () => {
    const scene = aServiceScene({ afterRestart: 'resume' });
    await killedAt(scene, succeeded('node2/probe'));
    scene.nodes.replacePatches('node3', ['dxp-15-7110']);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });
    const since = scene.nodes.sent.length;

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(result?.outcome).toBe('failed');
    expect(neutralText(result?.summary ?? [])).toMatch(/^Failed in preflight on node3: the nodes are not as the verdict assumed: .*dxp-15-7110.*No node was stopped\./);
    expect(allChanges(scene, since)).toEqual([[], [], []]);
    expect(NODES.map((n) => scene.nodes.installed(n))).toEqual([['dxp-16-7110'], ['dxp-16-7110'], ['dxp-15-7110']]);
    expect(scene.nodes.down()).toEqual([]);
  });
});

describe('recoverRollouts: the owner killed after the last node, before the rollout is marked done', () => {
  const kills = [
    { at: "after node3's NodeDone, before the post-check", when: (e: RolloutEvent) => e.type === 'NodeDone' && e.node === 'node3', stopped: "after node3's wait-cluster step" },
    { at: "in the post-check, after node2's verify", when: succeeded('node2/verify'), stopped: "after node2's verify step" },
  ];
  const answers = [
    // The post-check is run whole: every node confirmed again, then the rollout is done and the cluster free.
    { afterRestart: 'resume', outcome: 'succeeded', verifies: ['node1/verify', 'node2/verify', 'node3/verify'], locks: [] },
    { afterRestart: 'ask', outcome: 'interrupted', verifies: [], locks: [{ cluster: 'prod', owner: undefined }] },
  ] as const;
  it.each(kills.flatMap((k) => answers.map((a) => ({ ...k, ...a }))))('killed $at, afterRestart $afterRestart: nothing is changed again, $outcome', async ({ when, stopped, afterRestart, outcome, verifies, locks }) => {
    const scene = aServiceScene({ afterRestart });
    await killedAt(scene, when);
    expect(allChanges(scene, 0)).toEqual([FULL_NODE, FULL_NODE, FULL_NODE]);
    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });
    const since = scene.nodes.sent.length;

    const result = await recoverRollouts(second.deps)[0]?.run;

    expect(withText(second.published.slice(0, 2))).toMatchObject([
      { type: 'RolloutInterrupted', summaryText: expect.stringContaining(`is gone; it stopped ${stopped} (`) as string },
      { type: 'RolloutResumed', mode: 'recover', by: 'bot', nodes: [] },
    ]);
    expect(found(second.published)).toEqual(NODES.map((n) => [n, true, true, 'yes']));
    // Nothing is changed again on any node: no stop, no apply, no start.
    expect(allChanges(scene, since)).toEqual([[], [], []]);
    expect(scene.nodes.unknownCommands).toEqual([]);
    expect(result?.outcome).toBe(outcome);
    expect(stepsRun(second.published)).toEqual(verifies);
    expect(second.published.at(-1)).toMatchObject({ type: 'RolloutDone', outcome });
    expect(scene.store.get(scene.record.id)?.status).toBe(outcome);
    expect(scene.store.locks()).toMatchObject(locks);
  });
});
