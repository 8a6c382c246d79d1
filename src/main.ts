/**
 * Composition root of the Slack bot (`npm start`): configuration, adapters, use cases, Bolt.
 * Socket Mode when SLACK_APP_TOKEN is set, HTTP mode on PORT otherwise.
 */
import { resolve } from 'node:path';
import { pino } from 'pino';
import { openSqliteRolloutStore } from './adapters/store/sqlite-rollout-store.ts';
import { resumeInterrupted } from './app/requests/resume-interrupted.ts';
import { composeBot } from './compose-bot.ts';
import { loadEnvConfig } from './config/env-config.ts';
import { formatInventoryError } from './config/format-inventory-error.ts';
import { loadCatalog } from './config/load-catalog.ts';
import { loadInventory } from './config/load-inventory.ts';

function fail(problems: readonly string[]): never {
  process.stderr.write(`liferay-rollout bot: cannot start (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and inventory.example.yml.\n`);
  process.exit(1);
}

const env = loadEnvConfig(process.env);
const problems: string[] = env.ok ? [] : [...env.error];
const inventoryPath = process.env['INVENTORY'];
const inventory = inventoryPath === undefined || inventoryPath === '' ? undefined : loadInventory(resolve(inventoryPath));
if (inventory !== undefined && !inventory.ok) problems.push(formatInventoryError(inventory.error).replaceAll('\n', '\n    '));
const extraCatalogs = [inventory?.ok === true ? inventory.value.catalog : undefined, process.env['CATALOG'] || undefined].filter((p): p is string => p !== undefined);
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
  fail([(error as Error).message]);
}
const { bot, deps } = composeBot({
  token: config.SLACK_BOT_TOKEN,
  signingSecret: config.SLACK_SIGNING_SECRET,
  appToken: config.SLACK_APP_TOKEN,
  slackApiUrl: config.SLACK_API_URL,
  inventory: inventory.value,
  catalog: catalog.value,
  store,
  log,
});

const interrupted = resumeInterrupted(deps);
if (interrupted.length > 0) log.warn({ rollouts: interrupted.map((r) => r.id) }, 'rollouts interrupted by the previous stop');

if (config.SLACK_APP_TOKEN !== undefined) {
  await bot.app.start();
  log.info({ mode: 'socket', clusters: [...deps.clusters.keys()] }, 'liferay-rollout bot started');
} else {
  await bot.app.start(config.PORT);
  log.info({ mode: 'http', port: config.PORT, clusters: [...deps.clusters.keys()] }, 'liferay-rollout bot started');
}

// Requests nobody decided in time say so on their message (every minute).
const sweeper = setInterval(() => {
  bot.sweepExpired().catch((error: unknown) => log.warn({ err: error }, 'expiry sweep failed'));
}, 60_000);
sweeper.unref();

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  const running = store.list({ statuses: ['running'] }).length;
  log.warn({ signal, running }, running > 0 ? 'stopping while rollouts run: they will be reported as interrupted at the next start' : 'stopping');
  void bot.app.stop().finally(() => {
    store.close();
    process.exit(0);
  });
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
