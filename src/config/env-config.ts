import { z } from 'zod';
import { err, ok, type Result } from '../domain/result.ts';

/** A whole number of seconds from `min` to `max`, with one message for anything else. */
const seconds = (min: number, max: number): z.ZodCoercedNumber => {
  const message = `must be a whole number of seconds from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

/** Every variable the bot reads (see .env.example). */
export const EnvConfig = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token (xoxb-...)'),
  /** Checks Slack's signature on HTTP requests: needed in HTTP mode only (Socket Mode has no requests to sign). */
  SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-f]{32}$/i, 'must be the 32-hex-digit signing secret from Basic Information').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token (xapp-...) with connections:write').optional(),
  PORT: z.coerce.number({ error: 'must be a port number, like 3000' }).int('must be a port number, like 3000').min(1, 'must be a port number, like 3000').max(65535, 'must be a port number, like 3000').default(3000),
  INVENTORY: z.string().min(1, 'must name the inventory file'),
  DATABASE: z.string().min(1).default('./liferay-rollout.sqlite'),
  SLACK_API_URL: z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  CATALOG: z.string().min(1).optional(),
  /** On SIGTERM: how long to wait for the node in progress to be back up before exiting (systemd's TimeoutStopSec should be longer). */
  SHUTDOWN_TIMEOUT_SECONDS: seconds(1, 86_400).default(600),
  /** A rollout's lease: another bot process may take a rollout over this long after its owner stopped renewing. */
  LEASE_SECONDS: seconds(1, 3600).default(30),
  /** A new request's verdict uses the facts kept warm when read at most this long ago (0: every verdict probes the nodes). */
  FACTS_MAX_AGE_SECONDS: seconds(0, 86_400).default(120),
  /** How often the bot reads every cluster's nodes in the background to keep their facts warm (0: only after rollouts and verdicts). */
  FACTS_REFRESH_SECONDS: seconds(0, 86_400).default(60),
});
export type EnvConfig = z.infer<typeof EnvConfig>;

/** The files the bot reads at start, by the same schema: read even when other variables are wrong, so their problems are listed too. */
export const EnvFiles = EnvConfig.pick({ INVENTORY: true, CATALOG: true }).partial();
export type EnvFiles = z.infer<typeof EnvFiles>;

const present = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

/** INVENTORY and CATALOG as the config validates them; an unset or empty one is absent (loadEnvConfig reports it). */
export function loadEnvFiles(env: Readonly<Record<string, string | undefined>>): EnvFiles {
  const parsed = EnvFiles.safeParse(present(env));
  return parsed.success ? parsed.data : {};
}

/**
 * What the CLI reads from the environment, by the bot's rules: the inventory and the bot's store only
 * when named (a command's `--inventory` and `--db` come first), and the lease of the runs it carries out.
 */
export const CliEnv = z.object({
  INVENTORY: EnvConfig.shape.INVENTORY.optional(),
  DATABASE: z.string().min(1).optional(),
  LEASE_SECONDS: EnvConfig.shape.LEASE_SECONDS,
});
export type CliEnv = z.infer<typeof CliEnv>;

function parseEnv<S extends z.ZodType>(schema: S, env: Readonly<Record<string, string | undefined>>): Result<z.infer<S>, string[]> {
  const cleaned = present(env);
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.code === 'invalid_type' && cleaned[String(i.path[0])] === undefined ? 'is not set' : i.message}`));
}

/** Reads the environment; every problem at once, one line each, naming the variable. */
export function loadEnvConfig(env: Readonly<Record<string, string | undefined>>): Result<EnvConfig, string[]> {
  const parsed = parseEnv(EnvConfig, env);
  const cleaned = present(env);
  const secretNeeded = cleaned['SLACK_APP_TOKEN'] === undefined && cleaned['SLACK_SIGNING_SECRET'] === undefined;
  if (!secretNeeded) return parsed;
  const missing = 'SLACK_SIGNING_SECRET: is not set (HTTP mode needs it; or set SLACK_APP_TOKEN for Socket Mode)';
  return err([...(parsed.ok ? [] : parsed.error), missing]);
}

/** The CLI's variables (`CliEnv`); every problem at once, one line each, naming the variable. */
export function loadCliEnv(env: Readonly<Record<string, string | undefined>>): Result<CliEnv, string[]> {
  return parseEnv(CliEnv, env);
}
