import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { expireStale } from '../../app/requests/expire-stale.ts';
import type { ExpireDeps } from '../../app/requests/expire-stale.ts';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../domain/approval/approval-policy.ts';
import { errorMessage } from './blocks/error-message.ts';
import { registerListeners } from './listeners/index.ts';
import type { ChannelTalk, ListenerContext, ListenerDeps } from './listeners/listener-context.ts';
import { showDecided } from './listeners/request-messages.ts';
import type { SlackChannelLane } from './slack-channel-lane.ts';
import { SlackGroupResolver } from './slack-group-resolver.ts';
import { toSlackApiError } from './slack-api.ts';
import { DeliveryDedupe } from './delivery-dedupe.ts';
import { createHomeTab } from './home-tab.ts';
import type { RolloutEventTap } from '../rollout-event-tap.ts';
import { SlackNameResolver } from './slack-name-resolver.ts';

export interface SlackBotOptions {
  readonly token: string;
  /** HTTP mode only (Socket Mode has no requests to sign). */
  readonly signingSecret?: string | undefined;
  /** Socket Mode when set; HTTP mode otherwise. */
  readonly appToken?: string | undefined;
  readonly slackApiUrl?: string | undefined;
  /** Known bot ids spare Bolt an auth.test call (tests, demo). */
  readonly botId?: string | undefined;
  readonly botUserId?: string | undefined;
  /** Tests only: the HTTP reply waits for the listener (production must ack within 3 s). */
  readonly processBeforeResponse?: boolean;
  readonly retries?: number;
  readonly logger?: BoltLogger;
  /** The channels' lane, shared with the progress notifier (built by the composition). */
  readonly lane: SlackChannelLane;
  /** The rollout events as they are published (App Home refreshes on them). */
  readonly rolloutEvents?: RolloutEventTap | undefined;
  /** At most one Home publish per person in this time (default 10 s; tests shorten it). */
  readonly homeRefreshMs?: number | undefined;
}

export interface SlackBot {
  readonly app: App;
  /** Resolves when every rollout and Slack post started by a listener has finished. */
  idle(): Promise<void>;
  /** Marks requests past their approval time-to-live as expired and says so on their messages. */
  sweepExpired(): Promise<number>;
}

/** The Bolt app and its handle: the listeners live in `listeners/`, one file each, registered from `listeners/index.ts`. */
export function createSlackBot(options: SlackBotOptions, deps: ListenerDeps & ExpireDeps): SlackBot {
  const app = new App({
    token: options.token,
    ...(options.signingSecret === undefined ? {} : { signingSecret: options.signingSecret }),
    ...(options.appToken === undefined ? {} : { appToken: options.appToken, socketMode: true }),
    ...(options.botId === undefined ? {} : { botId: options.botId }),
    ...(options.botUserId === undefined ? {} : { botUserId: options.botUserId }),
    processBeforeResponse: options.processBeforeResponse ?? false,
    ...(options.logger === undefined ? { logLevel: LogLevel.WARN } : { logger: options.logger }),
    clientOptions: {
      ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
      ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
    },
  });
  const lane = options.lane;
  const groups = new SlackGroupResolver(app.client);
  const names = new SlackNameResolver(app.client);
  const pending = new Set<Promise<unknown>>();
  const talk: ChannelTalk = {
    post: async (channel, message, threadTs) => {
      const posted = await lane
        .run(channel, () => app.client.chat.postMessage({ channel, text: message.text, blocks: [...message.blocks], ...(threadTs === undefined ? {} : { thread_ts: threadTs }) }), { paced: true })
        .catch((error: unknown) => {
          throw toSlackApiError('chat.postMessage', error);
        });
      return posted.ts === undefined ? undefined : { channel: posted.channel ?? channel, ts: posted.ts };
    },
    update: async (channel, ts, message) => {
      await lane.run(channel, () => app.client.chat.update({ channel, ts, text: message.text, blocks: [...message.blocks] }), { paced: false });
    },
    tell: async (channel, user, message) => {
      if (channel === undefined) return;
      const rendered = errorMessage(message);
      await lane.run(channel, () => app.client.chat.postEphemeral({ channel, user, text: rendered.text, blocks: [...rendered.blocks] }), { paced: false });
    },
  };
  const home = createHomeTab({ client: app.client, deps, groupsOf: (userId, candidates) => groups.groupsOf(userId, candidates), minIntervalMs: options.homeRefreshMs });
  options.rolloutEvents?.listen(() => home.rolloutChanged());
  const ctx: ListenerContext = {
    deps,
    talk,
    home,
    client: app.client,
    deliveries: new DeliveryDedupe({ now: () => deps.clock.now().getTime() }),
    groupsOf: (userId, candidates) => groups.groupsOf(userId, candidates),
    namesOf: (userIds) => names.namesOf(userIds),
    background: (work, rolloutId) => {
      const tracked = work
        .then(() => deps.notifier.flush(rolloutId))
        .catch((error: unknown) => deps.log.error({ err: error }, 'background task failed'))
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
  };
  registerListeners(app, ctx);

  return {
    app,
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    sweepExpired: async () => {
      const expired = expireStale(deps);
      for (const record of expired) {
        const ttlMinutes = deps.clusters.get(record.cluster)?.approval.approvalTtlMinutes ?? DEFAULT_APPROVAL_TTL_MINUTES;
        await showDecided(record, { type: 'expired', at: record.updatedAt, ttlMinutes }, ctx).catch((error: unknown) =>
          deps.log.warn({ rolloutId: record.id, err: error }, 'could not mark the message expired'),
        );
      }
      return expired.length;
    },
  };
}
