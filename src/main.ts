/**
 * Composition root of the Slack bot (`npm start`): configuration, adapters, use cases, Bolt.
 * Socket Mode when SLACK_APP_TOKEN is set, HTTP mode on PORT otherwise.
 */
import { resolve } from 'node:path';
import { pino } from 'pino';
import { openSqliteRolloutStore } from './adapters/store/sqlite-rollout-store.ts';
import { recoverRollouts } from './app/requests/recover-rollouts.ts';
import { composeBot } from './compose-bot.ts';
import { loadEnvConfig, loadEnvFiles } from './config/env-config.ts';
import { formatInventoryError } from './config/format-inventory-error.ts';
import { loadCatalog } from './config/read-json-file.ts';
import { loadInventory } from './config/load-inventory.ts';
import { messageOf } from './domain/message-of.ts';

function fail(problems: readonly string[]): never {
  process.stderr.write(`liferay-rollout bot: cannot start (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and inventory.example.yml.\n`);
  process.exit(1);
}

const env = loadEnvConfig(process.env);
const problems: string[] = env.ok ? [] : [...env.error];
const files = loadEnvFiles(process.env);
const inventory = files.INVENTORY === undefined ? undefined : loadInventory(resolve(files.INVENTORY));
if (inventory !== undefined && !inventory.ok) problems.push(formatInventoryError(inventory.error).replaceAll('\n', '\n    '));
const extraCatalogs = [inventory?.ok === true ? inventory.value.catalog : undefined, files.CATALOG].filter((p): p is string => p !== undefined);
const catalog = loadCatalog(extraCatalogs);
if (!catalog.ok) problems.push(catalog.error.message);
if (!env.ok || inventory === undefined || !inventory.ok || !catalog.ok || problems.length > 0) fail(problems);

const config = env.value;
const log = pino({
  level: config.LOG_LEVEL,
  redact: { paths: ['token', 'signingSecret', 'appToken', '*.token', '*.privateKey', 'headers.authorization'], censor: '[redacted]' },
});
let store;
try {
  store = openSqliteRolloutStore(resolve(config.DATABASE));
} catch (error) {
  fail([messageOf(error)]);
}
const { bot, deps, factsCache } = composeBot({
  token: config.SLACK_BOT_TOKEN,
  signingSecret: config.SLACK_SIGNING_SECRET,
  appToken: config.SLACK_APP_TOKEN,
  slackApiUrl: config.SLACK_API_URL,
  inventory: inventory.value,
  catalog: catalog.value,
  store,
  log,
  leaseMs: config.LEASE_SECONDS * 1000,
  factsCache: { maxAgeMs: config.FACTS_MAX_AGE_SECONDS * 1000, refreshEveryMs: config.FACTS_REFRESH_SECONDS * 1000 },
});

if (config.SLACK_APP_TOKEN !== undefined) {
  // Resolves once Slack said hello on the connection apps.connections.open named; an app token Slack
  // refuses (invalid_auth, not_authed) or a Slack it cannot reach rejects, and the start ends in one line.
  await bot.app.start().catch((error: unknown) => {
    store.close();
    fail([`SLACK_APP_TOKEN: Slack did not open a Socket Mode connection (${messageOf(error)}): check the App-Level Token, its connections:write scope and SLACK_API_URL`]);
  });
  log.info({ mode: 'socket', clusters: [...deps.clusters.keys()] }, 'liferay-rollout bot started');
} else {
  await bot.app.start(config.PORT);
  log.info({ mode: 'http', port: config.PORT, clusters: [...deps.clusters.keys()] }, 'liferay-rollout bot started');
}

// Rollouts a dead process left behind (the previous run of this bot, or a CLI run that died) are
// taken over now, and again whenever a lease runs out.
const recover = (): void => {
  if (deps.ownership.shutdown.requested) return;
  let recovered;
  try {
    recovered = recoverRollouts(deps);
  } catch (error) {
    // A store that cannot take a write now (its lock held past the busy time-out, a full disk, a
    // read-only file) must not end the bot and the runs it carries out: the next tick tries again.
    log.error({ err: messageOf(error) }, 'recovery could not write to the store: it tries again later');
    return;
  }
  if (recovered.length > 0) log.warn({ rollouts: recovered.map((r) => r.record.id) }, 'took over rollouts whose run was gone');
};
recover();
// Each cluster's facts read now and kept warm (FACTS_REFRESH_SECONDS), so a verdict need not read every node first.
factsCache?.start();

// Requests nobody decided in time say so on their message (every minute).
const sweeper = setInterval(() => {
  bot.sweepExpired().catch((error: unknown) => log.warn({ err: error }, 'expiry sweep failed'));
}, 60_000);
sweeper.unref();
// Each tick waits at least as long as the last took: a tick blocked by a locked store (its busy
// time-out) is never followed at once by another, so the runs of this process keep going.
const recoverEveryMs = Math.max(1000, config.LEASE_SECONDS * 1000);
let recoverer: NodeJS.Timeout | undefined;
const scheduleRecover = (delayMs: number): void => {
  recoverer = setTimeout(() => {
    const began = Date.now();
    recover();
    if (!deps.ownership.shutdown.requested) scheduleRecover(Math.max(recoverEveryMs, Date.now() - began));
  }, delayMs);
  recoverer.unref();
};
scheduleRecover(recoverEveryMs);

let stopping = false;
/**
 * Graceful stop: take no new requests, let every run bring its node in progress back up and pause,
 * deliver the Slack posts, then exit; bounded by SHUTDOWN_TIMEOUT_SECONDS (a run still going then
 * keeps its lease until it runs out, and the next start recovers it).
 */
const shutdown = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  deps.ownership.shutdown.requested = true;
  clearTimeout(recoverer);
  const runs = [...deps.ownership.runs.values()];
  log.warn({ signal, running: runs.length, timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS }, runs.length > 0 ? 'stopping: waiting for the nodes in progress to be back up' : 'stopping');
  await bot.app.stop().catch((error: unknown) => log.warn({ err: messageOf(error) }, 'Slack app did not stop cleanly'));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    Promise.all(runs).then(() => false),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(true), config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) log.error({ running: deps.ownership.runs.size }, 'shutdown time-out: exiting with runs still going; the next start recovers them');
  await bot.idle().catch(() => undefined);
  store.close();
  log.warn({ signal }, 'stopped');
  process.exit(timedOut ? 1 : 0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
