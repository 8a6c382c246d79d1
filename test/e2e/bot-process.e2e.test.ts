import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import { CHANNEL, NAMES, PEOPLE } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses, type BotKill, type BotProcess } from '../support/bot-process.ts';
import { requestAndApprove, waitForReply } from '../support/bot-process-flow.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import type { FakeSlackThread } from '../support/slack/fake-slack-workspace.ts';
import {
  readClusterLocks,
  readNode,
  readStoredEvents,
  readStoredRollouts,
  waitForNodeState,
  waitForRollout,
  waitForStepStarted,
  type NodeWatch,
  type StoredEvent,
} from '../support/store-watch.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';

/**
 * The production bot (`node --import tsx src/main.ts`) as a child process: a rollout approved in
 * Slack (the stand-in), the process killed at chosen moments, started again on the same database.
 * Every moment is caught by watching the store and the nodes, never by sleeping.
 */

const FIX_PACK = 'dxp-14-7110';
/**
 * Two nodes and short simulated start-ups; a stop slow enough that "node going down" is easy to catch
 * (the kill point is a condition on the node, never a time).
 */
const CLUSTER = { nodes: 2, installedPatches: ['dxp-13-7110'], productBuild: '7110', startupMs: 500, shutdownMs: 800 } as const;
/** Bounds on waits tied to real processes: generous, a loaded machine only makes them slower. */
const WAIT_MS = 180_000;

interface World {
  readonly rollout: LocalRollout;
  readonly fake: FakeSlackApi;
  readonly dir: string;
  readonly dbPath: string;
  /** Starts (or starts again) the bot process on this world's database and Slack stand-in. */
  startBot(): Promise<BotProcess>;
}

let world: World | undefined;

async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'bot-process-'));
  let rollout: LocalRollout | undefined;
  try {
    rollout = await startLocalRollout(CLUSTER);
    rollout.addArtifact(`liferay-fix-pack-${FIX_PACK}.zip`, 'fix pack 14');
    const fake = await startFakeSlackApi({ users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
    const dbPath = join(dir, 'rollouts.sqlite');
    const started: World = { rollout, fake, dir, dbPath, startBot: () => startBotProcess({ rollout: started.rollout, fake, dbPath }) };
    return started;
  } catch (error) {
    await rollout?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

afterEach(async () => {
  const w = world;
  world = undefined;
  await stopAllBotProcesses();
  if (w === undefined) return;
  await w.fake.close().catch(() => undefined);
  await w.rollout.stop().catch(() => undefined);
  rmSync(w.dir, { recursive: true, force: true });
});


const describeEvent = (e: StoredEvent | undefined): string => (e === undefined ? 'none' : `${e.seq} ${e.type}${'stepId' in e.event ? ` ${e.event.stepId}` : ''}`);

const nodesOf = async (rollout: LocalRollout): Promise<Record<string, NodeWatch>> =>
  Object.fromEntries(await Promise.all(rollout.local.nodes.map(async (n) => [n.name, await readNode(rollout, n.name)] as const)));

const describeNodes = (nodes: Record<string, NodeWatch>): string =>
  Object.entries(nodes)
    .map(([name, n]) => `${name} ${n.running ? (n.state?.phase ?? 'up') : 'down'}${n.state === undefined ? '' : ` [${n.state.patches.join(',')}]`}`)
    .join('; ');

describe('the bot process (npm start) against the local cluster', () => {
  /** What a test sees once the bot runs again on the database of the one it killed. */
  interface AfterRestart {
    readonly world: World;
    readonly bot: BotProcess;
    readonly rolloutId: string;
    readonly message: FakeSlackThread;
    readonly kill: BotKill;
    /** The store and the nodes right after the kill, before the restart. */
    readonly atKill: { readonly record: RolloutRecord | undefined; readonly events: readonly StoredEvent[]; readonly nodes: Record<string, NodeWatch> };
    /** The store now (the restarted bot has done its start-up work: it logged "started"). */
    readonly record: RolloutRecord | undefined;
    readonly events: readonly StoredEvent[];
  }

  interface KillPoint {
    readonly name: string;
    /** Resolves at the moment of the rollout the bot is killed in. */
    readonly reach: (w: World) => Promise<unknown>;
    /** What must hold once the bot runs again on the same database. */
    readonly expectAfterRestart: (after: AfterRestart) => Promise<void>;
  }

  /**
   * After any kill the restarted bot finds where every node stands, finishes or puts back the node in
   * progress, and carries the rollout to its end: every node healthy at the target, none stopped,
   * the events numbered without a gap, the cluster lock released, the thread complete.
   */
  const finishesAfterRestart = async ({ world: w, bot, rolloutId, message, atKill }: AfterRestart): Promise<void> => {
    expect(atKill.record?.status).toBe('running');
    const record = await waitForRollout(w.dbPath, (r) => r.id === rolloutId && ['succeeded', 'failed', 'paused', 'interrupted'].includes(r.status), { timeoutMs: WAIT_MS, what: 'the recovered rollout at its end' });
    expect(record.status, neutralText(record.outcomeNote ?? [])).toBe('succeeded');
    for (const node of w.rollout.local.nodes) {
      expect(w.rollout.local.isRunning(node.name), `${node.name} running`).toBe(true);
      expect((await w.rollout.local.readState(node.name)).patches).toEqual([FIX_PACK]);
    }
    const events = readStoredEvents(w.dbPath, rolloutId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.type === 'RolloutInterrupted')).toBe(true);
    expect(events.at(-1)?.type).toBe('RolloutDone');
    expect(readClusterLocks(w.dbPath)).toEqual([]);
    await waitForReply(w.fake, message.ts, /The bot restarted while this rollout ran/, WAIT_MS);
    await waitForReply(w.fake, message.ts, /is done: 2 of 2 nodes updated/, WAIT_MS);
    expect((await bot.slash('status prod', PEOPLE.requester)).status).toBe(200);
    expect(bot.exitStatus()).toBeUndefined();
    expect(bot.logs().filter((l) => Number(l.json?.['level']) >= 50)).toEqual([]);
    // No bot ids in the environment: Bolt asked the stand-in who it is, as it asks Slack.
    expect(w.fake.calls('auth.test').length).toBeGreaterThan(0);
  };

  /**
   * The most telling moment: node2 going down (its stop in progress). The other kill points (preflight,
   * apply, start wait, post-check) are at the ports: src/app/run-rollout.recover.test.ts and
   * src/app/requests/recover-rollouts.test.ts.
   */
  const KILL_POINTS: readonly KillPoint[] = [
    {
      name: 'node2 stop (node2 going down)',
      reach: async (w) => {
        await waitForStepStarted(w.dbPath, 'node2/stop', { timeoutMs: WAIT_MS });
        await waitForNodeState(w.rollout, 'node2', (n) => !n.running || n.state?.phase === 'stopping', { timeoutMs: WAIT_MS });
      },
      expectAfterRestart: finishesAfterRestart,
    },
  ];

  it.each(KILL_POINTS)('SIGKILL at $name, then a restart on the same database', async (point) => {
    world = await startWorld();
    const w = world;
    const first = await w.startBot();
    const { message, rolloutId } = await requestAndApprove(w.fake, first, w.dbPath, `fixpack install ${FIX_PACK} on prod`);
    await point.reach(w);
    const kill = await first.kill('SIGKILL');
    expect(kill.signal).toBe('SIGKILL');
    const atKill = { record: readStoredRollouts(w.dbPath).find((r) => r.id === rolloutId), events: readStoredEvents(w.dbPath, rolloutId), nodes: await nodesOf(w.rollout) };

    const bot = await w.startBot();
    const events = readStoredEvents(w.dbPath, rolloutId);
    const record = readStoredRollouts(w.dbPath).find((r) => r.id === rolloutId);
    console.log(
      `[${point.name}] killed after event ${describeEvent(atKill.events.at(-1))} (record ${atKill.record?.status}); nodes at kill: ${describeNodes(atKill.nodes)}; ` +
        `after restart: record ${record?.status}, last event ${describeEvent(events.at(-1))}`,
    );
    await point.expectAfterRestart({ world: w, bot, rolloutId, message, kill, atKill, record, events });
    console.log(`[${point.name}] nodes after restart: ${describeNodes(await nodesOf(w.rollout))}`);
  }, 400_000);

  it('on SIGTERM during node1’s stop: node1 comes back up before the bot exits, and the next start resumes', async () => {
    world = await startWorld();
    const w = world;
    const first = await w.startBot();
    const { message, rolloutId } = await requestAndApprove(w.fake, first, w.dbPath, `fixpack install ${FIX_PACK} on prod`);
    await waitForStepStarted(w.dbPath, 'node1/stop', { timeoutMs: WAIT_MS });
    await waitForNodeState(w.rollout, 'node1', (n) => !n.running || n.state?.phase === 'stopping', { timeoutMs: WAIT_MS });
    const kill = await first.kill('SIGTERM');
    const events = readStoredEvents(w.dbPath, rolloutId);
    const record = readStoredRollouts(w.dbPath).find((r) => r.id === rolloutId);
    console.log(
      `[SIGTERM] exit code ${kill.code}, signal ${kill.signal}, ${kill.tookMs} ms after the signal; record ${record?.status}, last event ${describeEvent(events.at(-1))}; nodes: ${describeNodes(await nodesOf(w.rollout))}`,
    );
    expect(kill.code).toBe(0);
    // Nothing left down by the bot: node1 finished its part (it was stopping) and is up; node2 was not touched.
    for (const node of w.rollout.local.nodes) expect(w.rollout.local.isRunning(node.name), `${node.name} running`).toBe(true);
    expect((await w.rollout.local.readState('node1')).patches).toEqual([FIX_PACK]);
    expect((await w.rollout.local.readState('node2')).patches).toEqual(['dxp-13-7110']);
    expect(record?.status).toBe('paused');
    expect(events.some((e) => e.event.type === 'RunStopping' && e.event.cause === 'shutdown')).toBe(true);
    await waitForReply(w.fake, message.ts, /is paused: the bot shut down; it resumes when the bot starts again/, WAIT_MS);

    const bot = await w.startBot();
    const done = await waitForRollout(w.dbPath, (r) => r.id === rolloutId && r.status !== 'paused' && r.status !== 'running', { timeoutMs: WAIT_MS, what: 'the resumed rollout at its end' });
    expect(done.status, neutralText(done.outcomeNote ?? [])).toBe('succeeded');
    for (const node of w.rollout.local.nodes) expect((await w.rollout.local.readState(node.name)).patches).toEqual([FIX_PACK]);
    const all = readStoredEvents(w.dbPath, rolloutId);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    // node1 was done before the shutdown: the resumed run stopped only node2.
    const stopsAfterResume = all.slice(all.findIndex((e) => e.type === 'RolloutResumed')).flatMap((e) => (e.event.type === 'StepStarted' && e.event.kind === 'stop' ? [e.event.node] : []));
    expect(stopsAfterResume).toEqual(['node2']);
    expect(readClusterLocks(w.dbPath)).toEqual([]);
    await waitForReply(w.fake, message.ts, /is done: 2 of 2 nodes updated/, WAIT_MS);
    expect(bot.exitStatus()).toBeUndefined();
  }, 400_000);
});
