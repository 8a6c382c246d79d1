import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { CHANNEL, NAMES, PEOPLE } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses, type BotProcess } from '../support/bot-process.ts';
import { watchDowntime } from '../support/down-watch.ts';
import { replies, requestAndApprove, waitForReply } from '../support/bot-process-flow.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import { holdWriteLock } from '../support/store-faults.ts';
import { readClusterLocks, readStoredEvents, readStoredRollouts, waitForRollout, waitForStepStarted, type StoredEvent } from '../support/store-watch.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { stringField } from '../support/string-field.ts';

/**
 * The rollout store failing in the middle of a rollout is a failure like any other. The production
 * bot (`node --import tsx src/main.ts`) runs a property change on the 2-node local cluster, recording
 * to a real SQLite file, and the file is made to fail at node2's stop (caught by watching the store,
 * never by sleeping): its write lock held by another connection past the 5 s busy time-out. The run
 * stops after node2 is put back, every node is up and healthy, the outcome still reaches Slack, and
 * once the lock is gone an approver resumes it and it finishes.
 *
 * The other branches (the store failing altogether, renewals failing, the lease running out while
 * the store is out of reach, recovery meeting a broken store) are at the ports, in milliseconds:
 * src/app/run-rollout.stop.test.ts, src/app/requests/run-owned.test.ts and
 * src/app/requests/recover-rollouts.test.ts.
 */

/** A slow enough stop that node2's stop is easy to catch; short start-ups keep the rollouts short. */
const CLUSTER = { nodes: 2, installedPatches: ['dxp-13-7110'], productBuild: '7110', startupMs: 500, shutdownMs: 800 } as const;
/** Bounds on waits tied to real processes: generous, a loaded machine only makes them slower. */
const WAIT_MS = 180_000;
const KEY = 'store.fault.probe';
/** Logged by run-rollout.ts when `record` throws. */
const NOTICED_MSG = 'the store failed during a rollout: stopping at the next safe point';
/** Logged by run-owned.ts at the end of every run. */
const RUN_ENDED_MSG = 'rollout run ended';

interface World {
  readonly rollout: LocalRollout;
  readonly fake: FakeSlackApi;
  readonly dir: string;
  readonly dbPath: string;
  readonly startBot: (env?: Readonly<Record<string, string>>) => Promise<BotProcess>;
}

/** Undo actions of the current test (lift a fault, unmount), run in afterEach in reverse order even when the test failed. */
const undo: (() => void)[] = [];
let world: World | undefined;

afterEach(async () => {
  await stopAllBotProcesses();
  for (const step of undo.splice(0).reverse()) {
    try {
      step();
    } catch (error) {
      console.error(`cleanup step failed: ${String(error)}`);
    }
  }
  const w = world;
  world = undefined;
  if (w === undefined) return;
  await w.fake.close().catch(() => undefined);
  await w.rollout.stop().catch(() => undefined);
  rmSync(w.dir, { recursive: true, force: true });
});

async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'store-faults-'));
  let rollout: LocalRollout | undefined;
  try {
    rollout = await startLocalRollout(CLUSTER);
    const fake = await startFakeSlackApi({ users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
    const dbPath = join(dir, 'rollouts.sqlite');
    const r = rollout;
    return { rollout: r, fake, dir, dbPath, startBot: (env) => startBotProcess({ rollout: r, fake, dbPath, ...(env === undefined ? {} : { env }) }) };
  } catch (error) {
    await rollout?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}


/** Every node runs, has started, answers its health URL with 200 and sees both members. */
async function expectAllHealthy(rollout: LocalRollout): Promise<void> {
  for (const node of rollout.local.nodes) {
    expect(rollout.local.isRunning(node.name), `${node.name} running`).toBe(true);
    const state = await rollout.local.readState(node.name);
    expect(state.phase, `${node.name} phase`).toBe('started');
    expect([...state.members].sort(), `${node.name} members`).toEqual(['node1', 'node2']);
    const health = await fetch(node.healthUrl);
    expect(health.status, `${node.name} health`).toBe(200);
    await health.arrayBuffer();
  }
}

const portalExtValues = async (rollout: LocalRollout): Promise<Record<string, string | undefined>> =>
  Object.fromEntries(await Promise.all(rollout.local.nodes.map(async (n) => [n.name, (await rollout.local.readState(n.name)).portalExt[KEY]] as const)));

const describeEvent = (e: StoredEvent | undefined): string => (e === undefined ? 'none' : `${e.seq} ${e.type}${'stepId' in e.event ? ` ${e.event.stepId}` : ''}`);

const isMsg = (msg: string) => (l: { json: Record<string, unknown> | undefined }) => l.json?.['msg'] === msg;

/** The distinct warn/error messages a bot logged (with their `err` when they have one), in first-seen order. */
const problemsLogged = (bot: BotProcess): string[] => [
  ...new Set(bot.logs().flatMap((l) => (l.json !== undefined && Number(l.json['level']) >= 40 ? [`${String(l.json['msg'])}${l.json['err'] === undefined ? '' : ` (${stringField(l.json, 'err').split('\n', 1)[0]})`}`] : []))),
];

describe('the store failing mid-rollout (the bot process, a real SQLite file)', () => {
  it('the write lock held by another connection past the 5 s busy time-out at node2\'s stop, released once the run noticed: node2 put back, failed, resumed by an approver', async () => {
    world = await startWorld();
    const w = world;
    const bot = await w.startBot();
    const { message, rolloutId } = await requestAndApprove(w.fake, bot, w.dbPath, `property set ${KEY}=1 on prod`);

    await waitForStepStarted(w.dbPath, 'node2/stop', { timeoutMs: WAIT_MS });
    const downtime = watchDowntime(w.rollout, 50);
    const lock = holdWriteLock(w.dbPath);
    undo.push(() => lock.release());
    const atFault = readStoredEvents(w.dbPath, rolloutId);

    const noticed = await bot.waitForLog(isMsg(NOTICED_MSG), WAIT_MS);
    lock.release();
    await bot.waitForLog(isMsg(RUN_ENDED_MSG), WAIT_MS);
    const down = downtime.stop();
    // The outcome reached Slack although the store could not take it: the stop, and the final summary.
    await waitForReply(w.fake, message.ts, /The rollout store failed/, WAIT_MS);
    const summary = await waitForReply(w.fake, message.ts, /stopped\. It waits for a decision/, WAIT_MS);

    const shown = replies(w.fake, message.ts)
      .map((r) => r.text)
      .join('\n');
    // node2's reply: it was stopped, then put back from its backup.
    expect(shown).toMatch(/\*node2\*[^\n]*\n✓ stopped/);
    expect(down.maxDownAtOnce).toBeLessThanOrEqual(1);
    await expectAllHealthy(w.rollout);
    // node1 has the change; node2 was stopped and put back as it was.
    expect(await portalExtValues(w.rollout)).toEqual({ node1: '1', node2: undefined });
    const storeError = stringField(noticed.json, 'err');
    expect(storeError).toMatch(/database is locked/);
    // The lock is free again when the run ends: its outcome is stored (failed, held for a decision, the cluster kept for it).
    expect(readStoredRollouts(w.dbPath).find((r) => r.id === rolloutId)?.status).toBe('failed');
    expect(bot.exitStatus()).toBeUndefined();
    console.log(
      [
        '[write lock held past the busy time-out]',
        `  injected after stored event ${describeEvent(atFault.at(-1))}; the run logged: ${storeError}`,
        `  node2 down for at most ${down.longestDownMs['node2']} ms; nodes down at once: ${down.maxDownAtOnce}`,
        `  warnings/errors logged by the bot: ${problemsLogged(bot).join(' | ')}`,
        `  Slack final summary: ${summary.text}`,
      ].join('\n'),
    );

    // An approver resumes it: it finishes, the events one gapless sequence, the cluster free again.
    const board = w.fake.channelHistory(CHANNEL).find((m) => m.ts === message.ts);
    if (board === undefined) throw new Error('no board message');
    expect((await bot.click(board, CONTROL_ACTION_IDS.resume, PEOPLE.approver)).status).toBe(200);
    const done = await waitForRollout(w.dbPath, (r) => r.id === rolloutId && r.status !== 'running' && r.status !== 'failed', { timeoutMs: WAIT_MS, what: 'the resumed rollout at its end' });
    expect(done.status, neutralText(done.outcomeNote ?? [])).toBe('succeeded');
    await expectAllHealthy(w.rollout);
    expect(await portalExtValues(w.rollout)).toEqual({ node1: '1', node2: '1' });
    const events = readStoredEvents(w.dbPath, rolloutId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(readClusterLocks(w.dbPath)).toEqual([]);
    await waitForReply(w.fake, message.ts, /is done: 2 of 2 nodes updated/, WAIT_MS);
    expect(bot.exitStatus()).toBeUndefined();
  }, 600_000);
});
