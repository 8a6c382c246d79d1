import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_TOKEN, SIGNING_SECRET } from './bot-harness.ts';
import { httpDelivery, socketModeDelivery, type SlackDelivery, type SlackMode } from './slack/slack-delivery.ts';
import { slackUser } from './slack/slack-user.ts';
import { freePort } from './local-cluster/free-port.ts';
import type { LocalRollout } from './local-rollout.ts';
import type { FakeSlackApi } from './slack/fake-slack-api.ts';
import type { FakeSlackThread } from './slack/fake-slack-workspace.ts';
import { signedSlackClient, type SignedSlackClient, type SlackHttpResponse } from './slack/signed-slack-client.ts';
import { messageOf } from '../../src/domain/message-of.ts';

/**
 * The production bot (`src/main.ts`) as a child process, started the way `npm start` starts it
 * (`node --import tsx src/main.ts`, configured only through environment variables), in HTTP mode
 * on a free port or (`mode: 'socket'`, SLACK_APP_TOKEN set) in Socket Mode on the stand-in's
 * WebSocket, talking to the Slack stand-in and the local cluster. Tests kill it (SIGKILL,
 * SIGTERM) at chosen moments and start it again on the same SQLite file.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src', 'main.ts');
/** main.ts logs this (pino, `msg`) once Bolt listens. */
const STARTED_MSG = 'liferay-rollout bot started';

type Json = Record<string, unknown>;

/** How the process ended: exit code or the signal that ended it. */
export interface BotExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What `kill()` saw: the exit plus how long the process took to go after the signal. */
export interface BotKill extends BotExit {
  readonly sent: NodeJS.Signals;
  readonly tookMs: number;
}

/** One line the process wrote; `json` when it is a pino JSON line. */
export interface BotLogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly raw: string;
  readonly json: Json | undefined;
  /** Milliseconds since the process was spawned. */
  readonly atMs: number;
}

export interface BotProcessOptions {
  readonly rollout: LocalRollout;
  readonly fake: FakeSlackApi;
  readonly dbPath: string;
  /** Extra or overriding environment variables (e.g. LOG_LEVEL). */
  readonly env?: Readonly<Record<string, string>>;
  /** `http` (default): Bolt listens on PORT; `socket`: SLACK_APP_TOKEN is set and the bot connects to the stand-in. */
  readonly mode?: SlackMode;
  /** How long to wait for "bot started" and the HTTP port (default 180 s: tsx compiles on first start, on a loaded machine). */
  readonly startTimeoutMs?: number;
}

export interface BotProcess {
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly dbPath: string;
  /** Signed like Slack, aimed at this process (HTTP mode). */
  readonly client: SignedSlackClient;
  /** What `slash` and `click` go through: signed requests, or envelopes on the process's Socket Mode connection (resolved by the ack). */
  readonly delivery: SlackDelivery;
  /** Settles when the process has exited, however it ended. */
  readonly exited: Promise<BotExit>;
  /** The exit once it happened, undefined while the process lives. */
  exitStatus(): BotExit | undefined;
  /** `/liferay <text>` from `user` in the cluster's channel. The bot acks first and posts afterwards (production mode). */
  slash(text: string, user?: string, channel?: string): Promise<SlackHttpResponse>;
  /** The newest top-level message of the channel. */
  latest(): FakeSlackThread;
  /** Clicks the button with this action_id on the message, as `user`. */
  click(message: FakeSlackThread, actionId: string, user: string): Promise<SlackHttpResponse>;
  /** Every line written so far, both streams, in arrival order. */
  logs(): readonly BotLogLine[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line (already written or future) that matches; rejects on timeout or when the process exits first. */
  waitForLog(predicate: (line: BotLogLine) => boolean, timeoutMs?: number): Promise<BotLogLine>;
  /** Sends the signal and resolves once the process has exited (at once if it already had). */
  kill(signal: NodeJS.Signals): Promise<BotKill>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves when the process is gone. */
  stop(graceMs?: number): Promise<BotExit>;
}

/** Every process started here that may still be alive: for `stopAllBotProcesses` and the exit hook. */
const live = new Set<BotProcess>();
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test worker ends without its afterEach: never leave a bot behind.
  process.once('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
};

/** Kills (SIGKILL) every bot process this module started that is still alive, and waits for each to exit. */
export async function stopAllBotProcesses(): Promise<void> {
  await Promise.all([...live].map((bot) => bot.kill('SIGKILL')));
}

/** The parent's environment without anything the bot reads, so a developer's shell cannot leak in. */
const cleanEnv = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('SLACK_') && !['INVENTORY', 'PORT', 'DATABASE', 'CATALOG', 'LOG_LEVEL'].includes(entry[0]),
    ),
  );

const parseJson = (raw: string): Json | undefined => {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
};

/** Starts `src/main.ts` as `npm start` would and resolves once it logged that it started and its HTTP port answers. */
export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  installExitHook();
  const { fake, rollout, dbPath } = options;
  const mode = options.mode ?? 'http';
  const port = await freePort();
  const env = {
    ...cleanEnv(),
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    PORT: String(port),
    INVENTORY: rollout.inventoryPath,
    DATABASE: dbPath,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const pid = child.pid;

  const lines: BotLogLine[] = [];
  const listeners = new Set<(line: BotLogLine) => void>();
  const chunks = { stdout: '', stderr: '' };
  const pending = { stdout: '', stderr: '' };
  const take = (stream: 'stdout' | 'stderr', text: string, flush: boolean): void => {
    chunks[stream] += text;
    const parts = (pending[stream] + text).split('\n');
    pending[stream] = flush ? '' : (parts.pop() ?? '');
    for (const raw of parts) {
      if (raw.length === 0) continue;
      const line: BotLogLine = { stream, raw, json: parseJson(raw), atMs: Date.now() - spawnedAt };
      lines.push(line);
      for (const listener of listeners) listener(line);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => take('stdout', text, false));
  child.stderr.setEncoding('utf8').on('data', (text: string) => take('stderr', text, false));

  let exitStatus: BotExit | undefined;
  const exited = new Promise<BotExit>((resolve) => {
    // 'close': the process is gone and both pipes are drained (its last log lines are in).
    child.once('close', (code, signal) => {
      take('stdout', '', true);
      take('stderr', '', true);
      exitStatus = { code, signal };
      children.delete(child);
      resolve(exitStatus);
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);

  const waitForLog = (predicate: (line: BotLogLine) => boolean, timeoutMs = 120_000): Promise<BotLogLine> => {
    const already = lines.find(predicate);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<BotLogLine>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(onLine);
      };
      const onLine = (line: BotLogLine): void => {
        if (!predicate(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`bot process ${pid}: no matching log line within ${timeoutMs} ms; last lines:\n${lines.slice(-10).map((l) => l.raw).join('\n')}`));
      }, timeoutMs);
      listeners.add(onLine);
      void exited.then((exit) => {
        if (!listeners.has(onLine)) return;
        done();
        reject(new Error(`bot process ${pid} exited (code ${exit.code}, signal ${exit.signal}) before a matching log line; stderr:\n${chunks.stderr.slice(-2000)}`));
      });
    });
  };

  const kill = async (signal: NodeJS.Signals): Promise<BotKill> => {
    const sentAt = Date.now();
    if (exitStatus === undefined) child.kill(signal);
    const exit = await exited;
    return { ...exit, sent: signal, tookMs: Date.now() - sentAt };
  };

  const client = signedSlackClient({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET });
  const delivery = mode === 'http' ? httpDelivery(client) : socketModeDelivery(fake.socket);
  const user = slackUser(delivery, fake);

  const bot: BotProcess = {
    pid: pid ?? -1,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dbPath,
    client,
    delivery,
    exited,
    exitStatus: () => exitStatus,
    ...user,
    logs: () => lines,
    stdout: () => chunks.stdout,
    stderr: () => chunks.stderr,
    waitForLog,
    kill,
    stop: async (graceMs = 10_000) => {
      if (exitStatus !== undefined) return exitStatus;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
  live.add(bot);
  void exited.then(() => live.delete(bot));

  try {
    const timeoutMs = options.startTimeoutMs ?? 180_000;
    await Promise.race([spawnError, waitForLog((l) => l.json?.['msg'] === STARTED_MSG, timeoutMs)]);
    // In Socket Mode the bot logs "started" once its connection got Slack's hello: nothing listens on PORT.
    if (mode === 'http') await waitForHttp(bot.baseUrl, Math.max(1000, timeoutMs - (Date.now() - spawnedAt)));
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  }
  return bot;
}

/** Resolves once something answers HTTP on the origin (Bolt answers an unsigned GET with 4xx: that is an answer). */
async function waitForHttp(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${origin}/slack/events`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`nothing answers HTTP on ${origin} after ${timeoutMs} ms: ${messageOf(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
