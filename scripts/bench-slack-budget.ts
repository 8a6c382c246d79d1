/**
 * Slack budget benchmark: the real progress notifier and the real channel lane, behind a counting
 * SlackApi double and a virtual clock, fed the events of successful rollouts (3 nodes, 50 nodes,
 * and 5 rollouts of 3 nodes on 5 clusters in 5 channels at once). Prints the Web API calls per
 * rollout (thread posts, updates) and the highest rates against Slack's limits (SLACK.md):
 * chat.postMessage at most 1 per second per channel (and so 60 per minute), chat.update about 50
 * per minute per workspace. Exits 1 when a figure is over its limit.
 *   npx tsx scripts/bench-slack-budget.ts [stepMs=500]
 * `stepMs`: the time between two events of a rollout (a fast local cluster; real nodes are slower,
 * which only lowers the rates).
 */
import type { Clock, Logger } from '../src/app/ports.ts';
import type { PostMessageArgs, SlackApi, UpdateArgs } from '../src/adapters/slack/slack-api.ts';
import { rateLimitHoldMs } from '../src/adapters/slack/slack-api.ts';
import { DEFAULT_MIN_POST_INTERVAL_MS, SlackChannelLane } from '../src/adapters/slack/slack-channel-lane.ts';
import { SlackProgressNotifier } from '../src/adapters/slack/slack-progress-notifier.ts';
import { aRolloutPlan } from '../test/builders/a-rollout-plan.ts';
import { rolloutEvents } from '../test/builders/rollout-events.ts';

const POSTS_PER_SECOND_PER_CHANNEL = 1;
const POSTS_PER_MINUTE_PER_CHANNEL = 60;
const UPDATES_PER_MINUTE_PER_WORKSPACE = 50;
const START = Date.parse('2025-01-06T10:40:00.000Z');

const [stepMs = 500] = process.argv.slice(2).map(Number);

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** Time moves only when every task waits on it: then to the earliest timer. Aborted sleeps end at once. */
class VirtualClock implements Clock {
  private ms = START;
  private seq = 0;
  private timers: Timer[] = [];

  now(): Date {
    return new Date(this.ms);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const timer: Timer = { at: this.ms + Math.max(0, ms), seq: (this.seq += 1), resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Runs until no task waits on a timer any more. */
  async run(): Promise<void> {
    for (;;) {
      await settle();
      const next = this.timers.reduce<Timer | undefined>((a, t) => (a === undefined || t.at < a.at || (t.at === a.at && t.seq < a.seq) ? t : a), undefined);
      if (next === undefined) return;
      this.timers = this.timers.filter((t) => t !== next);
      this.ms = Math.max(this.ms, next.at);
      next.resolve();
    }
  }
}

/** Lets every promise chain and I/O callback run that can run without time passing. */
async function settle(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Call {
  readonly method: 'chat.postMessage' | 'chat.update';
  readonly channel: string;
  readonly at: number;
  readonly thread: boolean;
}

/** The SlackApi port answered in memory: every call counted with the clock's time. */
function countingSlackApi(clock: Clock): SlackApi & { readonly calls: Call[] } {
  const calls: Call[] = [];
  let ts = 0;
  return {
    calls,
    postMessage(args: PostMessageArgs) {
      calls.push({ method: 'chat.postMessage', channel: args.channel, at: clock.now().getTime(), thread: args.thread_ts !== undefined });
      ts += 1;
      return Promise.resolve({ ts: `1736160000.${String(ts).padStart(6, '0')}` });
    },
    update(args: UpdateArgs) {
      calls.push({ method: 'chat.update', channel: args.channel, at: clock.now().getTime(), thread: false });
      return Promise.resolve();
    },
  };
}

/** The most calls within any window of `ms` (sliding, from each call). */
function peak(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= ms) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

interface Scenario {
  readonly name: string;
  readonly rollouts: number;
  readonly nodes: number;
}

async function runScenario({ name, rollouts, nodes }: Scenario): Promise<{ line: string; ok: boolean }> {
  const clock = new VirtualClock();
  const api = countingSlackApi(clock);
  const lane = new SlackChannelLane({ clock, minPostIntervalMs: DEFAULT_MIN_POST_INTERVAL_MS, holdAfter: rateLimitHoldMs });
  const notifier = new SlackProgressNotifier({ api, clock, log: silent, lane });
  const plan = aRolloutPlan().withNodes(nodes).build();
  const events = rolloutEvents(plan, { start: new Date(START).toISOString(), stepMs });
  const ids = Array.from({ length: rollouts }, (_, i) => `R${i + 1}`);
  let lastEventAt = START;
  const feeds = ids.map(async (id, i) => {
    const channel = `C0OPS${i + 1}`;
    notifier.begin({ rolloutId: id, channelId: channel, messageTs: `1736150000.00000${i + 1}`, plan, requestedBy: 'U0REQ', approvedBy: 'U0APP', wayBack: undefined });
    let previous = START;
    for (const event of events) {
      const at = Date.parse(event.at);
      await clock.sleep(at - previous);
      previous = at;
      notifier.publish(id, event);
      lastEventAt = Math.max(lastEventAt, clock.now().getTime());
    }
  });
  const done = Promise.all(feeds).then(() => Promise.all(ids.map((id) => notifier.flush(id))));
  await clock.run();
  await done;
  await lane.idle();

  const posts = api.calls.filter((c) => c.method === 'chat.postMessage');
  const updates = api.calls.filter((c) => c.method === 'chat.update');
  const channels = [...new Set(api.calls.map((c) => c.channel))];
  const perSecond = Math.max(...channels.map((ch) => peak(posts.filter((p) => p.channel === ch).map((p) => p.at), 1000)));
  const perMinute = Math.max(...channels.map((ch) => peak(posts.filter((p) => p.channel === ch).map((p) => p.at), 60_000)));
  const updatesPerMinute = peak(updates.map((u) => u.at), 60_000);
  const threadPerRollout = Math.max(...channels.map((ch) => posts.filter((p) => p.channel === ch && p.thread).length));
  const updatesPerRollout = Math.max(...channels.map((ch) => updates.filter((u) => u.channel === ch).length));
  const lag = Math.max(0, Math.max(...api.calls.map((c) => c.at)) - lastEventAt);
  const target = nodes + 4;
  const checks = [
    threadPerRollout <= target,
    perSecond <= POSTS_PER_SECOND_PER_CHANNEL,
    perMinute <= POSTS_PER_MINUTE_PER_CHANNEL,
    updatesPerMinute <= UPDATES_PER_MINUTE_PER_WORKSPACE,
  ];
  const mark = (ok: boolean | undefined): string => (ok === true ? 'ok' : 'OVER');
  const line = [
    `${name.padEnd(34)} ${String(events.length).padStart(5)} events/rollout`,
    `thread posts/rollout ${String(threadPerRollout).padStart(3)} (≤ ${target}: ${mark(checks[0])})`,
    `updates/rollout ${String(updatesPerRollout).padStart(4)}`,
    `posts/channel peak ${perSecond}/1 s (≤ ${POSTS_PER_SECOND_PER_CHANNEL}: ${mark(checks[1])}) ${String(perMinute).padStart(2)}/60 s (≤ ${POSTS_PER_MINUTE_PER_CHANNEL}: ${mark(checks[2])})`,
    `updates/workspace peak ${String(updatesPerMinute).padStart(2)}/60 s (≤ ${UPDATES_PER_MINUTE_PER_WORKSPACE}: ${mark(checks[3])})`,
    `last call ${(lag / 1000).toFixed(1)} s after the last event`,
  ].join(' | ');
  return { line, ok: checks.every(Boolean) };
}

const scenarios: readonly Scenario[] = [
  { name: '1 rollout, 3 nodes', rollouts: 1, nodes: 3 },
  { name: '1 rollout, 50 nodes', rollouts: 1, nodes: 50 },
  { name: '5 rollouts of 3 nodes, 5 channels', rollouts: 5, nodes: 3 },
];
const results: { line: string; ok: boolean }[] = [];
for (const scenario of scenarios) results.push(await runScenario(scenario));
process.stdout.write(
  `Slack Web API budget of successful rollouts (events ${stepMs} ms apart, virtual time; post interval ${DEFAULT_MIN_POST_INTERVAL_MS} ms per channel):\n${results.map((r) => r.line).join('\n')}\n`,
);
if (!results.every((r) => r.ok)) process.exitCode = 1;
