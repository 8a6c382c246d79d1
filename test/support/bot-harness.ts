import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import type { SlackBot } from '../../src/adapters/slack/slack-bot.ts';
import type { FactsCache, FactsCacheOptions } from '../../src/app/facts-cache.ts';
import type { RolloutStore } from '../../src/app/ports.ts';
import type { ServiceDeps } from '../../src/app/requests/service-deps.ts';
import { composeBot } from '../../src/compose-bot.ts';
import { loadCatalog } from '../../src/config/read-json-file.ts';
import { startLocalRollout, silentLog, type LocalRollout, type LocalRolloutOptions } from './local-rollout.ts';
import { startFakeSlackApi, type FakeSlackApi } from './slack/fake-slack-api.ts';
import type { FakeSlackThread } from './slack/fake-slack-workspace.ts';
import { recordingSlackLogger } from './slack/recording-slack-logger.ts';
import { renderTranscript } from './slack/render-transcript.ts';
import { signedSlackClient, type SignedSlackClient, type SlackHttpResponse } from './slack/signed-slack-client.ts';
import { httpDelivery, socketModeDelivery, type SlackDelivery, type SlackMode } from './slack/slack-delivery.ts';
import { CHANNEL, NAMES, PEOPLE, slackUser } from './slack/slack-user.ts';
import { startBoltHttpApp, type RunningBoltApp } from './slack/start-bolt-http-app.ts';
import { startBoltSocketApp } from './slack/start-bolt-socket-app.ts';
import { trackBoltProcessing } from './slack/track-bolt-processing.ts';
import { stringField } from './string-field.ts';

export const SIGNING_SECRET = '5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b';
/** The app-level token (connections:write) the bot opens its Socket Mode connection with. */
export const APP_TOKEN = 'xapp-1-A0001-1700000000000-5e1f0c2a9b8d7e6f';
export { CHANNEL, NAMES, PEOPLE } from './slack/slack-user.ts';
export { SLACK_MODES, type SlackMode } from './slack/slack-delivery.ts';

export interface BotHarness {
  readonly cluster: LocalRollout;
  readonly fake: FakeSlackApi;
  readonly bot: SlackBot;
  readonly deps: ServiceDeps;
  /** The facts kept warm, with the `factsCache` option; undefined without (every verdict probes). */
  readonly factsCache: FactsCache | undefined;
  /** How Slack reaches the bot in this harness. */
  readonly mode: SlackMode;
  /** Slash commands, clicks, view submissions and events, delivered the way `mode` delivers them. */
  readonly delivery: SlackDelivery;
  /** HTTP mode only (signed requests Slack would or would never send); throws in Socket Mode, which has no URL. */
  readonly client: SignedSlackClient;
  /** The Bolt HTTP server; undefined in Socket Mode. */
  readonly http: RunningBoltApp | undefined;
  readonly dbPath: string;
  slash(text: string, user?: string, channel?: string): Promise<SlackHttpResponse>;
  /** The newest top-level message of the channel (the request's message). */
  latest(): FakeSlackThread;
  /** Clicks the button with this action_id on the message, as `user`. */
  click(message: FakeSlackThread, actionId: string, user: string): Promise<SlackHttpResponse>;
  ephemeralTo(user: string): string[];
  transcript(): string;
  /** Stops Bolt and closes the store (keeps the cluster and the fake): for restart tests. */
  stopBot(): Promise<void>;
  stop(): Promise<void>;
}

export interface BotHarnessOptions extends Partial<LocalRolloutOptions> {
  readonly store?: RolloutStore;
  /** `http` (default): signed requests to Bolt's HTTP receiver; `socket`: Bolt's Socket Mode client on the stand-in's WebSocket. */
  readonly mode?: SlackMode;
  /** Keep the facts warm (not started: call `factsCache.refresh`); default none, every verdict probes. */
  readonly factsCache?: FactsCacheOptions;
  /**
   * HTTP mode: answer Slack's request only once the listener is done (default true, so a delivery
   * resolves after everything it caused); false answers at the ack, as the bot runs in production.
   */
  readonly processBeforeResponse?: boolean;
  /** The channel lane's pace (default 50 ms between posts, 50 ms between updates). */
  readonly notifierIntervals?: { readonly minPostIntervalMs: number; readonly minUpdateIntervalMs: number };
}

/**
 * A local cluster, the Slack stand-in and the real bot wired together, in HTTP mode or in Socket
 * Mode. Either way a delivery resolves once the bot's listener is done: over HTTP through
 * `processBeforeResponse`, in Socket Mode by waiting, after the ack, for Bolt to finish the envelope.
 */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const mode = options.mode ?? 'http';
  const cluster = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110', ...options });
  const fake = await startFakeSlackApi({
    appTokens: [APP_TOKEN],
    users: NAMES,
    userGroups: { S0OPS: [PEOPLE.groupApprover] },
    channels: { [CHANNEL]: 'ops-prod' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'bot-db-'));
  const dbPath = join(dir, 'rollouts.sqlite');
  const store = options.store ?? openSqliteRolloutStore(dbPath);
  const catalog = loadCatalog();
  if (!catalog.ok) throw new Error(catalog.error.message);
  const { bot, deps, factsCache } = composeBot({
    token: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    ...(mode === 'socket' ? { appToken: APP_TOKEN } : {}),
    slackApiUrl: fake.url,
    inventory: cluster.inventory,
    catalog: catalog.value,
    store,
    log: silentLog,
    botId: 'B1',
    botUserId: 'U_BOT',
    processBeforeResponse: options.processBeforeResponse ?? true,
    retries: 0,
    boltLogger: recordingSlackLogger(),
    pollIntervalMs: 200,
    notifierIntervals: options.notifierIntervals ?? { minPostIntervalMs: 50, minUpdateIntervalMs: 50 },
    homeRefreshMs: 300,
    ...(options.factsCache === undefined ? {} : { factsCache: options.factsCache }),
  });
  let http: RunningBoltApp | undefined;
  let client: SignedSlackClient | undefined;
  let delivery: SlackDelivery;
  let stopApp: () => Promise<void>;
  if (mode === 'http') {
    http = await startBoltHttpApp(bot.app);
    client = signedSlackClient({ baseUrl: http.baseUrl, signingSecret: SIGNING_SECRET });
    delivery = httpDelivery(client);
    const started = http;
    stopApp = () => started.stop();
  } else {
    const processing = trackBoltProcessing(bot.app);
    const running = await startBoltSocketApp(bot.app);
    delivery = socketModeDelivery(fake.socket, { afterAck: () => processing.settled() });
    stopApp = () => running.stop();
  }
  const user = slackUser(delivery, fake);
  return {
    cluster,
    fake,
    bot,
    deps,
    factsCache,
    mode,
    delivery,
    get client(): SignedSlackClient {
      if (client === undefined) throw new Error('Socket Mode has no HTTP endpoint to sign requests for: use h.delivery');
      return client;
    },
    http,
    dbPath,
    ...user,
    ephemeralTo: (user) =>
      fake
        .calls('chat.postEphemeral')
        .filter((c) => c.args['user'] === user)
        .map((c) => stringField(c.args, 'text')),
    transcript: () => renderTranscript(fake, CHANNEL, NAMES),
    stopBot: async () => {
      await bot.idle();
      await stopApp();
      store.close();
    },
    stop: async () => {
      await bot.idle().catch(() => undefined);
      await stopApp().catch(() => undefined);
      try {
        store.close();
      } catch {
        // already closed by stopBot
      }
      await fake.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
