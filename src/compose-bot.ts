import { randomBytes } from 'node:crypto';
import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { FolderArtifactSource } from './adapters/artifacts/folder-artifact-source.ts';
import { YauzlArtifactReader } from './adapters/artifacts/yauzl-artifact-reader.ts';
import { FetchHealthProbe } from './adapters/http/fetch-health-probe.ts';
import { createSlackBot, type SlackBot } from './adapters/slack/slack-bot.ts';
import { RolloutEventTap } from './adapters/rollout-event-tap.ts';
import { SlackProgressNotifier } from './adapters/slack/slack-progress-notifier.ts';
import { rateLimitHoldMs, webClientSlackApi } from './adapters/slack/slack-api.ts';
import { DEFAULT_MIN_POST_INTERVAL_MS, SlackChannelLane } from './adapters/slack/slack-channel-lane.ts';
import { NodeSshExecutor } from './adapters/ssh/node-ssh-executor.ts';
import { systemClock } from './adapters/system-clock.ts';
import { ownerIsGone, processOwner } from './adapters/process-owner.ts';
import { FactsCache, type FactsCacheOptions } from './app/facts-cache.ts';
import type { Clock, HealthProbe, Logger, NodeExecutor, RolloutStore } from './app/ports.ts';
import type { ServiceDeps } from './app/requests/service-deps.ts';
import { clusterRuntimesOf } from './compose-inventory.ts';
import type { Inventory } from './config/inventory-schema.ts';
import type { PatchCatalog } from './domain/liferay/patch-catalog.ts';

export interface ComposeOptions {
  readonly token: string;
  /** HTTP mode only (Socket Mode has no requests to sign). */
  readonly signingSecret?: string | undefined;
  readonly appToken?: string | undefined;
  readonly slackApiUrl?: string | undefined;
  readonly inventory: Inventory;
  readonly catalog: PatchCatalog;
  readonly store: RolloutStore;
  readonly log: Logger;
  /** Test and demo seams; production leaves them out. */
  readonly botId?: string;
  readonly botUserId?: string;
  readonly processBeforeResponse?: boolean;
  readonly retries?: number;
  readonly boltLogger?: BoltLogger;
  readonly executor?: NodeExecutor;
  readonly healthProbe?: HealthProbe;
  readonly clock?: Clock;
  readonly pollIntervalMs?: number;
  readonly notifierIntervals?: { readonly minPostIntervalMs: number; readonly minUpdateIntervalMs: number };
  /** How long a rollout lease lasts before another process may take the rollout over. */
  readonly leaseMs?: number;
  /** At most one App Home publish per person in this time (default 10 s). */
  readonly homeRefreshMs?: number;
  /** Keep each cluster's facts warm for new requests' verdicts (main.ts: FACTS_MAX_AGE_SECONDS, FACTS_REFRESH_SECONDS); without it every verdict probes. */
  readonly factsCache?: FactsCacheOptions;
}

/** A rollout's owner renews its lease every third of this; another process may take it over after it runs out. */
export const DEFAULT_LEASE_MS = 30_000;

/** A request id people can read in logs and audit trails: `req-<time>-<random>`. */
export const newRequestId = (): string => `req-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** Wires the Slack bot: adapters behind the ports, the use cases, the Bolt listeners. */
export function composeBot(options: ComposeOptions): { bot: SlackBot; deps: ServiceDeps; factsCache: FactsCache | undefined } {
  const clock = options.clock ?? systemClock;
  // The notifier does its own ordering, throttling and retries, so its client must neither retry
  // nor queue on rate limits by itself (web-api would pause for up to 30 minutes otherwise).
  const notifierClient = new webApi.WebClient(options.token, {
    ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
  // One lane per channel for every Slack call, the listeners' and the notifier's: one order, one pace.
  const lane = new SlackChannelLane({ clock, minPostIntervalMs: options.notifierIntervals?.minPostIntervalMs ?? DEFAULT_MIN_POST_INTERVAL_MS, holdAfter: rateLimitHoldMs });
  const notifier = new SlackProgressNotifier({ api: webClientSlackApi(notifierClient), clock, log: options.log, lane, ...(options.notifierIntervals === undefined ? {} : { minUpdateIntervalMs: options.notifierIntervals.minUpdateIntervalMs }) });
  // Every rollout event also reaches App Home (refreshed, throttled, for those who opened it recently).
  const events = new RolloutEventTap(notifier);
  const clusters = clusterRuntimesOf(options.inventory);
  const executor = options.executor ?? new NodeSshExecutor();
  // Started by the caller (main.ts) once the bot runs; every rollout event that may change a node drops its cluster's facts.
  const factsCache = options.factsCache === undefined ? undefined : new FactsCache({ clusters, executor, clock, log: options.log }, options.factsCache);
  if (factsCache !== undefined) {
    events.listen((rolloutId, event) => {
      const cluster = options.store.get(rolloutId)?.cluster;
      if (cluster !== undefined) factsCache.onRolloutEvent(cluster, event);
    });
  }
  const deps: ServiceDeps = {
    store: options.store,
    clusters,
    catalog: options.catalog,
    executor,
    artifacts: new FolderArtifactSource(options.inventory.artifactDir),
    artifactReader: new YauzlArtifactReader(options.inventory.artifactDir),
    healthProbe: options.healthProbe ?? new FetchHealthProbe(),
    notifier: events,
    clock,
    log: options.log,
    newId: newRequestId,
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    probe: true,
    ...(factsCache === undefined ? {} : { warmFacts: factsCache }),
    ownership: { owner: processOwner('bot'), leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS, ownerIsGone, shutdown: { requested: false }, runs: new Map() },
  };
  const bot = createSlackBot(
    {
      token: options.token,
      signingSecret: options.signingSecret,
      appToken: options.appToken,
      slackApiUrl: options.slackApiUrl,
      botId: options.botId,
      botUserId: options.botUserId,
      lane,
      rolloutEvents: events,
      homeRefreshMs: options.homeRefreshMs,
      ...(options.processBeforeResponse === undefined ? {} : { processBeforeResponse: options.processBeforeResponse }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.boltLogger === undefined ? {} : { logger: options.boltLogger }),
    },
    deps,
  );
  return { bot, deps, factsCache };
}
