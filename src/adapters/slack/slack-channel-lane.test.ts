import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../test/builders/a-rollout-plan.ts';
import { rolloutEvents } from '../../../test/builders/rollout-events.ts';
import type { Clock, Logger } from '../../app/ports.ts';
import { SlackApiError, rateLimitHoldMs, type PostMessageArgs, type SlackApi, type UpdateArgs } from './slack-api.ts';
import { SlackChannelLane } from './slack-channel-lane.ts';
import { SlackProgressNotifier } from './slack-progress-notifier.ts';

/** Logical time: `sleep` yields to I/O once, then moves the clock forward. */
class FakeClock implements Clock {
  private ms = Date.parse('2025-01-06T10:40:00.000Z');

  now(): Date {
    return new Date(this.ms);
  }

  async sleep(ms: number): Promise<void> {
    const wakeAt = this.ms + ms;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.ms = Math.max(this.ms, wakeAt);
  }
}

const quietLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

const deferred = (): Deferred => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** Records every call (who, channel, logical start time) and how many run at once per channel. */
const recorder = (clock: Clock) => {
  const calls: { who: string; channel: string; at: number }[] = [];
  const inFlight = new Map<string, number>();
  let maxInFlight = 0;
  const call = async (who: string, channel: string, work: Promise<void> = Promise.resolve()): Promise<void> => {
    calls.push({ who, channel, at: clock.now().getTime() });
    const now = (inFlight.get(channel) ?? 0) + 1;
    inFlight.set(channel, now);
    maxInFlight = Math.max(maxInFlight, now);
    try {
      await work;
    } finally {
      inFlight.set(channel, (inFlight.get(channel) ?? 1) - 1);
    }
  };
  return { calls, call, maxInFlight: () => maxInFlight };
};

/** Lets queued work run until the condition holds (bounded by turns of the event loop, not by time). */
const until = async (condition: () => boolean): Promise<void> => {
  for (let turn = 0; turn < 1000 && !condition(); turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
};

describe('SlackChannelLane', () => {
  it('runs the calls of one channel one at a time, in the order they were queued', async () => {
    const clock = new FakeClock();
    const lane = new SlackChannelLane({ clock, minPostIntervalMs: 0 });
    const r = recorder(clock);
    const gates = [deferred(), deferred(), deferred()];
    const done = [
      lane.run('C1', () => r.call('listener', 'C1', gates[0]?.promise), { paced: true }),
      lane.run('C1', () => r.call('notifier', 'C1', gates[1]?.promise), { paced: false }),
      lane.run('C1', () => r.call('listener', 'C1', gates[2]?.promise), { paced: true }),
    ];
    await until(() => r.calls.length === 1);
    // Released out of order: the second call still waits for the first.
    gates[2]?.resolve();
    gates[1]?.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(r.calls).toHaveLength(1);
    gates[0]?.resolve();
    await Promise.all(done);
    expect(r.calls.map((c) => c.who)).toEqual(['listener', 'notifier', 'listener']);
    expect(r.maxInFlight()).toBe(1);
  });

  it('does not let one channel block another', async () => {
    const clock = new FakeClock();
    const lane = new SlackChannelLane({ clock, minPostIntervalMs: 1100 });
    const r = recorder(clock);
    const stuck = deferred();
    const first = lane.run('C1', () => r.call('a', 'C1', stuck.promise), { paced: true });
    await lane.run('C2', () => r.call('b', 'C2'), { paced: true });
    expect(r.calls.map((c) => `${c.who}@${c.channel}`)).toEqual(['a@C1', 'b@C2']);
    stuck.resolve();
    await first;
  });

  it('goes on after a failing call: its caller gets the error, the next call runs', async () => {
    const clock = new FakeClock();
    const lane = new SlackChannelLane({ clock, minPostIntervalMs: 0 });
    const r = recorder(clock);
    const failing = lane.run('C1', () => r.call('a', 'C1', Promise.reject(new Error('channel_not_found'))), { paced: true });
    const next = lane.run('C1', () => r.call('b', 'C1'), { paced: true });
    await expect(failing).rejects.toThrow('channel_not_found');
    await next;
    expect(r.calls.map((c) => c.who)).toEqual(['a', 'b']);
  });

  it('keeps paced calls of one channel minPostIntervalMs apart (logical time), and holds the channel after a rate limit', async () => {
    const clock = new FakeClock();
    const lane = new SlackChannelLane({ clock, minPostIntervalMs: 1100, holdAfter: rateLimitHoldMs });
    const r = recorder(clock);
    const limited = new SlackApiError('chat.postMessage', 'ratelimited', 'rate_limited', { retryAfterSeconds: 30 });
    const runs = [
      lane.run('C1', () => r.call('p1', 'C1'), { paced: true }),
      lane.run('C1', () => r.call('p2', 'C1', Promise.reject(limited)), { paced: true }).catch(() => undefined),
      lane.run('C1', () => r.call('p3', 'C1'), { paced: true }),
      lane.run('C1', () => r.call('u', 'C1'), { paced: false }),
    ];
    await Promise.all(runs);
    const at = Object.fromEntries(r.calls.map((c) => [c.who, c.at]));
    expect((at['p2'] ?? 0) - (at['p1'] ?? 0)).toBeGreaterThanOrEqual(1100);
    expect((at['p3'] ?? 0) - (at['p2'] ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(r.calls.map((c) => c.who)).toEqual(['p1', 'p2', 'p3', 'u']);
  });

  it('serialises a listener’s posts with the progress notifier’s in one channel, in order, one at a time', async () => {
    const clock = new FakeClock();
    const lane = new SlackChannelLane({ clock, minPostIntervalMs: 1100, holdAfter: rateLimitHoldMs });
    const r = recorder(clock);
    const gate = deferred();
    let ts = 0;
    const api: SlackApi = {
      postMessage: async (args: PostMessageArgs) => {
        await r.call(`notifier:${args.thread_ts === undefined ? 'post' : 'reply'}`, args.channel, ts === 0 ? gate.promise : undefined);
        ts += 1;
        return { ts: `1.${ts}` };
      },
      update: (args: UpdateArgs) => r.call('notifier:update', args.channel),
    };
    const notifier = new SlackProgressNotifier({ api, clock, log: quietLog, lane, minUpdateIntervalMs: 0 });
    const plan = aRolloutPlan().withNodes(2).build();
    const events = rolloutEvents(plan);
    notifier.begin({ rolloutId: 'R1', channelId: 'C1', messageTs: '1.0', plan, requestedBy: 'U1', approvedBy: 'U2', wayBack: undefined });
    for (const event of events) notifier.publish('R1', event);
    // The notifier's first reply is in flight (held by the gate); a listener's message for the same channel waits for it.
    await until(() => r.calls.some((c) => c.who === 'notifier:reply'));
    const listener = lane.run('C1', () => r.call('listener:post', 'C1'), { paced: true });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(r.calls.map((c) => c.who)).not.toContain('listener:post');
    gate.resolve();
    await listener;
    await notifier.flush('R1');

    const order = r.calls.map((c) => c.who);
    const firstReply = order.indexOf('notifier:reply');
    expect(order.indexOf('listener:post')).toBeGreaterThan(firstReply);
    expect(r.maxInFlight()).toBe(1);
    const paced = r.calls.filter((c) => c.who !== 'notifier:update');
    paced.slice(1).forEach((c, i) => expect(c.at - (paced[i]?.at ?? 0)).toBeGreaterThanOrEqual(1100));
  });
});
