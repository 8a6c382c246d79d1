import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TOKEN, CHANNEL, NAMES, PEOPLE } from '../support/bot-harness.ts';
import { startBotProcess, stopAllBotProcesses } from '../support/bot-process.ts';
import { requestAndApprove } from '../support/bot-process-flow.ts';
import { waitUntil } from '../support/local-cluster/wait-until.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack/fake-slack-api.ts';
import { waitForRollout } from '../support/store-watch.ts';

/**
 * The production bot (`node --import tsx src/main.ts`) started from the environment with
 * SLACK_APP_TOKEN set: Socket Mode, no public URL. It opens its connection through the Web API
 * stand-in's `apps.connections.open` (SLACK_API_URL), takes a request and an approval as envelopes,
 * runs the rollout, survives Slack's `refresh_requested` and stops cleanly on SIGTERM.
 */

/** Bounds on waits tied to real processes: generous, a loaded machine only makes them slower. */
const WAIT_MS = 180_000;

let world: { rollout: LocalRollout; fake: FakeSlackApi; dir: string } | undefined;

afterEach(async () => {
  const w = world;
  world = undefined;
  await stopAllBotProcesses();
  if (w === undefined) return;
  await w.fake.close().catch(() => undefined);
  await w.rollout.stop().catch(() => undefined);
  rmSync(w.dir, { recursive: true, force: true });
});

describe('the bot process in Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects with the app token, answers /liferay and an approval over the socket, reconnects on refresh_requested, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-socket-'));
    const rollout = await startLocalRollout({ nodes: 2, installedPatches: ['dxp-13-7110'], productBuild: '7110', startupMs: 300, shutdownMs: 300 });
    const fake = await startFakeSlackApi({ appTokens: [APP_TOKEN], users: NAMES, userGroups: { S0OPS: [PEOPLE.groupApprover] }, channels: { [CHANNEL]: 'ops-prod' } });
    world = { rollout, fake, dir };
    rollout.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    const dbPath = join(dir, 'rollouts.sqlite');

    const bot = await startBotProcess({ rollout, fake, dbPath, mode: 'socket' });
    expect(bot.logs().find((l) => l.json?.['msg'] === 'liferay-rollout bot started')?.json).toMatchObject({ mode: 'socket' });
    const opened = fake.calls('apps.connections.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.response).toMatchObject({ ok: true });
    expect(fake.socket.connections()).toBe(1);
    // No public URL: nothing listens on PORT.
    await expect(fetch(`${bot.baseUrl}/slack/events`, { signal: AbortSignal.timeout(5000) })).rejects.toThrow();

    const { message, rolloutId } = await requestAndApprove(fake, bot, dbPath, 'fixpack install dxp-14-7110 on prod');
    const record = await waitForRollout(dbPath, (r) => r.id === rolloutId && ['succeeded', 'failed', 'paused'].includes(r.status), { timeoutMs: WAIT_MS, what: 'the rollout at its end' });
    expect(record.status).toBe('succeeded');
    for (const node of rollout.local.nodes) expect((await rollout.local.readState(node.name)).patches).toEqual(['dxp-14-7110']);
    // The rollout's thread went out through the Web API as in HTTP mode.
    await waitUntil(() => (fake.channelHistory(CHANNEL).find((m) => m.ts === message.ts)?.replies.length ?? 0) > 0 || undefined, { timeoutMs: WAIT_MS, what: 'thread replies' });

    // Slack recycles the connection: the bot opens a new one through apps.connections.open (after about 5 s).
    expect(fake.socket.disconnect('refresh_requested')).toBe(1);
    await fake.socket.waitForConnection(2, WAIT_MS);
    expect(fake.calls('apps.connections.open')).toHaveLength(2);
    const answered = fake.responses().length;
    expect((await bot.slash('status prod', PEOPLE.requester)).status).toBe(200);
    await waitUntil(() => fake.responses().slice(answered).find((r) => JSON.stringify(r.args).includes('prod')), { timeoutMs: WAIT_MS, what: 'the status answer after the reconnect' });

    const exit = await bot.stop(WAIT_MS);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.logs().filter((l) => Number(l.json?.['level']) >= 50)).toEqual([]);
  });

  it('ends its start in one line when Slack refuses the app token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-socket-'));
    const rollout = await startLocalRollout({ nodes: 1, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    const fake = await startFakeSlackApi({ appTokens: [APP_TOKEN] });
    world = { rollout, fake, dir };
    const started = startBotProcess({ rollout, fake, dbPath: join(dir, 'rollouts.sqlite'), mode: 'socket', env: { SLACK_APP_TOKEN: 'xapp-1-A0001-revoked' } });
    await expect(started).rejects.toThrow(/exited \(code 1, signal null\)[\s\S]*SLACK_APP_TOKEN: Slack did not open a Socket Mode connection \(An API error occurred: invalid_auth\)/);
    expect(fake.calls('apps.connections.open').map((c) => c.response)).toEqual([{ ok: false, error: 'invalid_auth' }]);
  });
});
