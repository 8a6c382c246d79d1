import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../test/builders/a-rollout-plan.ts';
import { rolloutEvents } from '../../../test/builders/rollout-events.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../../test/support/slack/fake-slack-api.ts';
import type { FakeSlackMessage } from '../../../test/support/slack/fake-slack-workspace.ts';
import { recordingSlackLogger } from '../../../test/support/slack/recording-slack-logger.ts';
import type { Clock, Logger, RolloutAnnouncement } from '../../app/ports.ts';
import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { initialRolloutState, transition } from '../../domain/rollout/rollout-state.ts';
import { systemClock } from '../system-clock.ts';
import { RolloutThread } from './blocks/rollout-thread.ts';
import { MESSAGE_MAX_BLOCKS, TEXT_MAX } from './blocks/slack-message.ts';
import { validateSlackMessage } from '../../../test/support/slack/validate-slack-message.ts';
import { SlackApiError, webClientSlackApi, type PostMessageArgs, type SlackApi, type SlackApiMethod, type UpdateArgs } from './slack-api.ts';
import { SlackProgressNotifier, type SlackProgressNotifierOptions } from './slack-progress-notifier.ts';
import { typedExpect } from '../../../test/support/typed-expect.ts';

const CHANNEL = 'C0OPS';
const REQUESTER = 'U0REQ';
const APPROVER = 'U0APP';

/** Logical time: `sleep` yields to I/O once, then moves the clock forward; an aborted sleep moves nothing. */
class FakeClock implements Clock {
  private ms = Date.parse('2025-01-06T10:40:00.000Z');

  now(): Date {
    return new Date(this.ms);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const wakeAt = this.ms + ms;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted === true) return;
    this.ms = Math.max(this.ms, wakeAt);
  }
}

interface LogEntry {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

const recordingLogger = (): Logger & { readonly entries: LogEntry[] } => {
  const entries: LogEntry[] = [];
  const keep = (level: LogEntry['level']) => (obj: object, msg: string): void => {
    entries.push({ level, obj: { ...obj }, msg });
  };
  return { entries, info: keep('info'), warn: keep('warn'), error: keep('error'), debug: keep('debug') };
};

interface RecordedCall {
  readonly method: SlackApiMethod;
  /** The clock's time when the call was made (logical time with a FakeClock). */
  readonly at: number;
  readonly args: PostMessageArgs | UpdateArgs;
  outcome: string;
}

/** Wraps the SlackApi the notifier uses: records every call with the clock's time, and the updates in flight at once. */
const recordingSlackApi = (inner: SlackApi, clock: Clock): SlackApi & { readonly calls: RecordedCall[]; maxUpdatesInFlight: number } => {
  let updatesInFlight = 0;
  const api = {
    calls: [] as RecordedCall[],
    maxUpdatesInFlight: 0,
    async postMessage(args: PostMessageArgs) {
      const call: RecordedCall = { method: 'chat.postMessage', at: clock.now().getTime(), args, outcome: 'pending' };
      api.calls.push(call);
      try {
        const result = await inner.postMessage(args);
        call.outcome = 'ok';
        return result;
      } catch (error) {
        call.outcome = error instanceof SlackApiError ? error.slackError : 'error';
        throw error;
      }
    },
    async update(args: UpdateArgs) {
      const call: RecordedCall = { method: 'chat.update', at: clock.now().getTime(), args, outcome: 'pending' };
      api.calls.push(call);
      updatesInFlight += 1;
      api.maxUpdatesInFlight = Math.max(api.maxUpdatesInFlight, updatesInFlight);
      try {
        await inner.update(args);
        call.outcome = 'ok';
      } catch (error) {
        call.outcome = error instanceof SlackApiError ? error.slackError : 'error';
        throw error;
      } finally {
        updatesInFlight -= 1;
      }
    },
  };
  return api;
};

interface Harness {
  readonly fake: FakeSlackApi;
  readonly slack: ReturnType<typeof recordingSlackApi>;
  readonly log: ReturnType<typeof recordingLogger>;
  readonly notifier: SlackProgressNotifier;
  readonly clock: Clock;
  /** Posts a request message in the channel (what the bot did when the request came in) and returns its ts. */
  requestMessage(text?: string): Promise<string>;
  announce(plan: RolloutPlan, messageTs: string, rolloutId?: string): RolloutAnnouncement;
  replies(messageTs: string): FakeSlackMessage[];
  board(messageTs: string): FakeSlackMessage;
}

let fake: FakeSlackApi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const start = async (options: Partial<Omit<SlackProgressNotifierOptions, 'api' | 'log'>> = {}): Promise<Harness> => {
  const api = await startFakeSlackApi();
  fake = api;
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: api.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: recordingSlackLogger(),
  });
  const clock = options.clock ?? new FakeClock();
  const slack = recordingSlackApi(webClientSlackApi(client), clock);
  const log = recordingLogger();
  const notifier = new SlackProgressNotifier({ ...options, api: slack, clock, log });
  return {
    fake: api,
    slack,
    log,
    notifier,
    clock,
    requestMessage: async (text = 'fixpack install dxp-17-7110 on prod') => {
      const posted = await client.chat.postMessage({ channel: CHANNEL, text });
      if (posted.ts === undefined) throw new Error('no ts');
      return posted.ts;
    },
    announce: (plan, messageTs, rolloutId = 'R0001') => ({ rolloutId, channelId: CHANNEL, messageTs, plan, requestedBy: REQUESTER, approvedBy: APPROVER, wayBack: undefined }),
    replies: (messageTs) => api.channelHistory(CHANNEL).find((m) => m.ts === messageTs)?.replies ?? [],
    board: (messageTs) => {
      const message = api.message(CHANNEL, messageTs);
      if (message === undefined) throw new Error(`no message ${messageTs}`);
      return message;
    },
  };
};

const publishAll = (notifier: SlackProgressNotifier, rolloutId: string, events: readonly RolloutEvent[]): void => {
  for (const event of events) notifier.publish(rolloutId, event);
};

/** The thread those events make (one reply per run and node, one per failure and control action, the summary), each reply as it reads in the end. */
const threadOf = (plan: RolloutPlan, events: readonly RolloutEvent[]): { readonly key: string; readonly text: string }[] => {
  const thread = new RolloutThread({ plan, requestedBy: REQUESTER, approvedBy: APPROVER, wayBack: undefined });
  let state = initialRolloutState(plan.nodes);
  for (const event of events) {
    state = transition(state, event);
    thread.apply(event, state);
  }
  return thread.entries.map((e) => ({ key: e.key, text: e.render().text }));
};

/** What the thread must read, reply texts joined. */
const expectedThread = (plan: RolloutPlan, events: readonly RolloutEvent[]): string =>
  threadOf(plan, events)
    .map((e) => e.text)
    .join('\n');

const threadText = (replies: readonly FakeSlackMessage[]): string => replies.map((r) => r.text).join('\n');
const blocksText = (message: { readonly blocks?: unknown[] | undefined }): string => JSON.stringify(message.blocks ?? []);
const posts = (h: Harness) => h.slack.calls.filter((c) => c.method === 'chat.postMessage');
const updates = (h: Harness) => h.slack.calls.filter((c) => c.method === 'chat.update');
const failedDeliveries = (h: Harness) => h.log.entries.filter((e) => e.msg === 'slack delivery failed');

describe('SlackProgressNotifier against the fake Web API', () => {
  it('renders a 3-node rollout: a reply per node, the summary last and broadcast, the board all verified', async () => {
    const h = await start({ clock: systemClock, minPostIntervalMs: 5, minUpdateIntervalMs: 5 });
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const replies = h.replies(ts);
    expect(threadText(replies)).toBe(expectedThread(plan, events));
    expect(replies.at(-1)?.text).toContain(`<@${REQUESTER}>`);
    expect(replies.at(-1)?.text).toContain('is done');
    expect(posts(h).every((c) => (c.args as PostMessageArgs).thread_ts === ts)).toBe(true);
    // One reply for the start and its checks, one per node, the summary: at most nodes + 4.
    expect(posts(h)).toHaveLength(plan.nodes.length + 2);
    expect(posts(h).map((c) => (c.args as PostMessageArgs).reply_broadcast)).toEqual([undefined, undefined, undefined, undefined, true]);
    for (const reply of replies) expect(validateSlackMessage({ text: reply.text, blocks: reply.blocks ?? [] })).toEqual([]);
    expect(threadText(replies)).not.toContain('<1s');
    expect(threadText(replies)).not.toMatch(/patching-tool|catalina|http:/);

    expect(updates(h).length).toBeGreaterThan(0);
    expect(updates(h).every((c) => c.args.channel === CHANNEL && (c.args as UpdateArgs).ts === ts)).toBe(true);
    expect(updates(h).length).toBeLessThan(events.length);
    const board = blocksText(h.board(ts));
    for (const node of plan.nodes) expect(board).toMatch(new RegExp(`${node} ✅ (healthy|verified)`));
    expect(board).toContain('✅ *Done*: all 3 nodes updated');
    expect(h.board(ts).text).toContain('done');
    expect(failedDeliveries(h)).toEqual([]);
  });

  it('waits out a 429 (retry-after 1) on chat.postMessage and retries: nothing lost, nothing reordered', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const calls = posts(h);
    const limited = calls.findIndex((c) => c.outcome === 'ratelimited');
    expect(limited).toBe(0);
    expect(h.fake.calls('chat.postMessage').some((c) => c.status === 429)).toBe(true);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(threadText(h.replies(ts))).toBe(expectedThread(plan, events));
    expect(failedDeliveries(h)).toEqual([]);
    expect(h.log.entries).toContainEqual(expect.objectContaining({ level: 'info', msg: 'slack rate limited', obj: typedExpect.objectContaining({ retryAfterSeconds: 1 }) }));
  });

  it('survives three consecutive outages (500, 503 service_unavailable, ok:false service_unavailable) with growing backoff', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    h.fake.failNext('chat.postMessage', { status: 500 });
    h.fake.failNext('chat.postMessage', { status: 503, error: 'service_unavailable' });
    h.fake.failNext('chat.postMessage', { error: 'service_unavailable' });
    h.fake.failNext('chat.update', { error: 'fatal_error' });
    h.fake.failNext('chat.update', { status: 502 });

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const calls = posts(h);
    expect(calls.slice(0, 4).map((c) => c.outcome)).toEqual(['internal_error', 'service_unavailable', 'service_unavailable', 'ok']);
    const gaps = calls.slice(1, 4).map((c, i) => c.at - (calls[i]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(gaps[2]).toBeGreaterThanOrEqual(4000);
    expect(threadText(h.replies(ts))).toBe(expectedThread(plan, events));
    expect(blocksText(h.board(ts))).toContain('✅ *Done*');
    expect(h.log.entries.filter((e) => e.msg === 'slack unavailable')).toHaveLength(5);
    expect(failedDeliveries(h)).toEqual([]);
  });

  it('falls back to a text-only message on invalid_blocks and logs it', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    h.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const [refused, fallback] = posts(h);
    expect(refused?.outcome).toBe('invalid_blocks');
    expect(fallback?.outcome).toBe('ok');
    expect(fallback?.args.blocks).toBeUndefined();
    expect(fallback?.args.text).toBe(refused?.args.text);
    const replies = h.replies(ts);
    expect(replies[0]?.blocks ?? []).toEqual([]);
    expect(replies[1]?.blocks?.length).toBeGreaterThan(0);
    expect(threadText(replies)).toBe(expectedThread(plan, events));
    expect(failedDeliveries(h)).toEqual([{ level: 'warn', obj: { rolloutId: 'R0001', method: 'chat.postMessage', error: 'invalid_blocks' }, msg: 'slack delivery failed' }]);
  });

  it('falls back to a text-only board (old blocks removed) when chat.update answers invalid_blocks', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan, { stopAfterSteps: 2 });
    const ts = await h.requestMessage();
    h.fake.failNext('chat.update', { error: 'invalid_blocks' });

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    expect(updates(h).map((c) => [c.outcome, c.args.blocks?.length])).toEqual([
      ['invalid_blocks', expect.any(Number)],
      ['ok', 0],
    ]);
    expect(h.board(ts).text).toContain('running');
    expect(failedDeliveries(h)).toHaveLength(1);
  });

  it('drops one message on a permanent error (channel_not_found), logs it and goes on', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    h.notifier.begin(h.announce(plan, ts));
    h.notifier.publish('R0001', events[0] as RolloutEvent);
    await h.notifier.flush('R0001');

    const firstNodeStep = events.findIndex((e) => e.type === 'StepStarted' && e.stepId === 'node1/stop');
    publishAll(h.notifier, 'R0001', events.slice(1, firstNodeStep));
    await h.notifier.flush('R0001');
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    publishAll(h.notifier, 'R0001', events.slice(firstNodeStep));
    await h.notifier.flush('R0001');

    // node1's reply is lost; the others (and the updates of the start reply) go on.
    const thread = threadOf(plan, events);
    expect(threadText(h.replies(ts))).toBe(thread.filter((e) => e.key !== 'node:node1:1').map((e) => e.text).join('\n'));
    expect(failedDeliveries(h)).toEqual([{ level: 'warn', obj: { rolloutId: 'R0001', method: 'chat.postMessage', error: 'channel_not_found' }, msg: 'slack delivery failed' }]);
  });

  it('publish() returns at once while Slack is down; the queue is delivered, coalesced, once it is back', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    for (let i = 0; i < 6; i += 1) {
      h.fake.failNext('chat.postMessage', { status: 503, error: 'service_unavailable' });
      h.fake.failNext('chat.update', { status: 503, error: 'service_unavailable' });
    }
    const callsBefore = h.fake.calls().length;

    h.notifier.begin(h.announce(plan, ts));
    let published = 0;
    for (const event of events) {
      h.notifier.publish('R0001', event);
      published += 1;
    }

    expect(published).toBe(events.length);
    expect(h.fake.calls().length).toBe(callsBefore);
    expect(h.slack.calls).toEqual([]);

    await h.notifier.flush('R0001');
    const delivered = posts(h).filter((c) => c.outcome === 'ok');
    expect(posts(h).filter((c) => c.outcome === 'service_unavailable')).toHaveLength(6);
    expect(delivered.length).toBeLessThan(events.length / 4);
    expect(threadText(h.replies(ts))).toBe(expectedThread(plan, events));
    expect(blocksText(h.board(ts))).toContain('✅ *Done*');
  });

  it('renders a failed rollout: node, command, exit code and output tail in the thread and on the board', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const command = '/opt/liferay/patching-tool/patching-tool.sh install';
    const outputTail = 'Installing dxp-17-7110\nChecking the patch level\nERROR: checksum mismatch in liferay-dxp-17-7110.zip';
    const events = rolloutEvents(plan, { failAt: 'node2/apply', command, exitCode: 3, outputTail });
    const ts = await h.requestMessage();

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const replies = h.replies(ts);
    expect(threadText(replies)).toBe(expectedThread(plan, events));
    // The failure has a reply of its own: the command on its own lines, the exit code, the output tail.
    const failedReply = replies.find((r) => r.text.startsWith('❌ *node2*: fixpack install'));
    expect(failedReply?.text).toContain(`*Command* (exit code 3):\n\`\`\`\n${command}\n\`\`\``);
    expect(replies.find((r) => r.text.startsWith('❌ *node2*: a step failed'))?.text).toContain('✗ fixpack install dxp-17-7110 on node2 failed after 10s (details below)');
    expect(blocksText(failedReply ?? {})).toContain('ERROR: checksum mismatch in liferay-dxp-17-7110.zip');
    const last = replies.at(-1);
    expect(last?.text).toContain(`<@${REQUESTER}>`);
    expect(last?.text).toContain('stopped');

    const board = blocksText(h.board(ts));
    expect(board).toContain('⛔ *Stopped*');
    expect(board).toContain('Failed on node2');
    expect(board).toContain(`*Command* (exit code 3):\\n\`\`\`\\n${command}\\n\`\`\``);
    expect(board).toContain('ERROR: checksum mismatch in liferay-dxp-17-7110.zip');
    expect(board).toContain('node1 ✅ healthy');
    expect(board).toMatch(/node2 ❌ failed/);
  });

  it('keeps a 12-node failure with a 5000-line tail within Slack limits, and the thread short', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(12).build();
    const outputTail = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(60)}`).join('\n');
    const events = rolloutEvents(plan, { failAt: 'node12/wait-healthy', outputTail, exitCode: 1, command: 'curl -fsS http://10.0.0.22:8080', restore: 'failed' });
    const ts = await h.requestMessage();

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events);
    await h.notifier.flush('R0001');

    const calls = posts(h);
    // The start, 12 nodes, the failure, the summary.
    expect(calls).toHaveLength(15);
    for (const call of [...calls, ...updates(h)]) {
      expect(call.args.blocks?.length ?? 0).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
      expect(call.args.text.length).toBeLessThanOrEqual(TEXT_MAX);
      expect(validateSlackMessage({ text: call.args.text, blocks: call.args.blocks ?? [] })).toEqual([]);
      expect(call.outcome).toBe('ok');
    }
    expect(threadText(h.replies(ts))).toBe(expectedThread(plan, events));
    expect(blocksText(h.replies(ts)[13] ?? {})).toContain('line 4999');
  });

  it('resumes from stored events after a restart: the board shows the replayed state, old replies are not posted again', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const past = events.slice(0, 30);
    const ts = await h.requestMessage();

    h.notifier.begin(h.announce(plan, ts), past);
    await h.notifier.flush('R0001');
    expect(posts(h)).toEqual([]);
    expect(h.board(ts).text).toContain('running');

    publishAll(h.notifier, 'R0001', events.slice(30));
    await h.notifier.flush('R0001');
    // The start reply is not touched again; node1's reply (of the earlier process, its ts unknown) is posted anew as it goes on.
    expect(threadText(h.replies(ts))).toBe(
      threadOf(plan, events)
        .filter((e) => e.key !== 'run:1')
        .map((e) => e.text)
        .join('\n'),
    );
    expect(blocksText(h.board(ts))).toContain('✅ *Done*');
  });

  it('updates a node reply in place as its steps go: one post per node, a line per step', async () => {
    const clock = new FakeClock();
    const h = await start({ clock });
    const plan = aRolloutPlan().withNodes(2).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();
    h.notifier.begin(h.announce(plan, ts));
    for (const event of events) {
      h.notifier.publish('R0001', event);
      await clock.sleep(5000);
    }
    await h.notifier.flush('R0001');

    const replies = h.replies(ts);
    expect(posts(h)).toHaveLength(plan.nodes.length + 2);
    const node1 = replies.find((r) => r.text.includes('*node1*'));
    expect(updates(h).filter((c) => (c.args as UpdateArgs).ts === node1?.ts).length).toBeGreaterThan(3);
    expect(node1?.text.split('\n')).toEqual([
      '✅ *node1* is healthy and back in the cluster (2m 20s)',
      '✓ stopped (10s)',
      '✓ backup taken (10s)',
      '✓ change applied (10s)',
      '✓ started (10s)',
      '✓ started up (10s)',
      '✓ answers healthy (10s)',
      '✓ back in the cluster (10s)',
      '✓ shows the change (10s)',
    ]);
    expect(replies[0]?.text).toContain('✓ Checks before the change passed (8 checks, 2m 30s)');
  });

  it('logs and ignores events of a rollout it was never told about', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const [first] = rolloutEvents(plan);

    expect(() => h.notifier.publish('R9999', first as RolloutEvent)).not.toThrow();
    await h.notifier.flush('R9999');
    expect(h.slack.calls).toEqual([]);
    expect(h.log.entries).toEqual([{ level: 'warn', obj: { rolloutId: 'R9999', event: 'RolloutStarted' }, msg: 'progress for an unknown rollout' }]);
  });
});

describe('SlackProgressNotifier pacing (fake clock, logical time)', () => {
  it('keeps posts to one channel ≥ minPostIntervalMs apart and updates ≥ minUpdateIntervalMs apart, one update in flight', async () => {
    const clock = new FakeClock();
    const h = await start({ clock });
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const [tsA, tsB] = [await h.requestMessage('first request'), await h.requestMessage('second request')];
    h.notifier.begin(h.announce(plan, tsA, 'RA'));
    h.notifier.begin(h.announce(plan, tsB, 'RB'));

    // Events trickle in, two rollouts interleaved in one channel, with logical time passing between them.
    for (const event of events) {
      h.notifier.publish('RA', event);
      h.notifier.publish('RB', event);
      await clock.sleep(200);
    }
    await Promise.all([h.notifier.flush('RA'), h.notifier.flush('RB')]);

    const postTimes = posts(h).map((c) => c.at);
    const updateTimes = updates(h).map((c) => c.at);
    expect(postTimes.length).toBeGreaterThan(4);
    postTimes.slice(1).forEach((at, i) => expect(at - (postTimes[i] ?? 0)).toBeGreaterThanOrEqual(1100));
    updateTimes.slice(1).forEach((at, i) => expect(at - (updateTimes[i] ?? 0)).toBeGreaterThanOrEqual(1300));
    expect(h.slack.maxUpdatesInFlight).toBe(1);
    expect(threadText(h.replies(tsA))).toBe(expectedThread(plan, events));
    expect(threadText(h.replies(tsB))).toBe(expectedThread(plan, events));
    expect(blocksText(h.board(tsA))).toContain('✅ *Done*');
    expect(blocksText(h.board(tsB))).toContain('✅ *Done*');
  });

  it('posts the final summary only after the board shows the final state, even when that update is rate limited', async () => {
    const h = await start();
    const plan = aRolloutPlan().withNodes(3).build();
    const events = rolloutEvents(plan);
    const ts = await h.requestMessage();

    h.notifier.begin(h.announce(plan, ts));
    publishAll(h.notifier, 'R0001', events.slice(0, -1));
    await h.notifier.flush('R0001');
    h.fake.failNext('chat.update', { status: 429, retryAfter: 30 });
    h.notifier.publish('R0001', events.at(-1) as RolloutEvent);
    await h.notifier.flush('R0001');

    const calls = h.slack.calls;
    const summary = calls.findIndex((c) => c.method === 'chat.postMessage' && c.args.text.includes(`<@${REQUESTER}>`));
    const finalBoard = calls.findIndex((c) => c.method === 'chat.update' && c.outcome === 'ok' && c.args.text.includes('done'));
    expect(calls.some((c) => c.method === 'chat.update' && c.outcome === 'ratelimited')).toBe(true);
    expect(finalBoard).toBeGreaterThanOrEqual(0);
    expect(summary).toBe(calls.length - 1);
    expect(finalBoard).toBeLessThan(summary);
    expect((calls[summary]?.at ?? 0) - (calls.find((c) => c.outcome === 'ratelimited')?.at ?? 0)).toBeGreaterThanOrEqual(30_000);
  });
});

describe('webClientSlackApi over a real WebClient (retries: 0, rejectRateLimitedCalls: true)', () => {
  const client = (url: string): webApi.WebClient =>
    new webApi.WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: recordingSlackLogger() });

  const failure = async (call: Promise<unknown>): Promise<SlackApiError> => {
    try {
      await call;
    } catch (error) {
      if (error instanceof SlackApiError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  };

  it('posts and updates, resolving with the new message ts', async () => {
    const api = await startFakeSlackApi();
    fake = api;
    const slack = webClientSlackApi(client(api.url));
    const { ts } = await slack.postMessage({ channel: CHANNEL, text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }] });
    await slack.update({ channel: CHANNEL, ts, text: 'bye', blocks: [] });
    expect(api.message(CHANNEL, ts)).toMatchObject({ text: 'bye', blocks: [] });
  });

  it.each([
    { fault: { status: 429, retryAfter: 7 }, expected: { slackError: 'ratelimited', kind: 'rate_limited', retryAfterSeconds: 7, httpStatus: 429 } },
    { fault: { status: 500 }, expected: { slackError: 'internal_error', kind: 'unavailable', httpStatus: 500 } },
    { fault: { status: 503, error: 'service_unavailable' }, expected: { slackError: 'service_unavailable', kind: 'unavailable', httpStatus: 503 } },
    { fault: { error: 'fatal_error' }, expected: { slackError: 'fatal_error', kind: 'unavailable' } },
    { fault: { error: 'channel_not_found' }, expected: { slackError: 'channel_not_found', kind: 'rejected' } },
    { fault: { error: 'invalid_blocks' }, expected: { slackError: 'invalid_blocks', kind: 'rejected' } },
  ])('turns $fault into a SlackApiError $expected.slackError ($expected.kind)', async ({ fault, expected }) => {
    const api = await startFakeSlackApi();
    fake = api;
    api.failNext('chat.postMessage', fault);
    const error = await failure(webClientSlackApi(client(api.url)).postMessage({ channel: CHANNEL, text: 'hi' }));
    expect(error).toMatchObject({ method: 'chat.postMessage', retryAfterSeconds: undefined, httpStatus: undefined, ...expected });
  });

  it('turns a network error into an unavailable request_error', async () => {
    const api = await startFakeSlackApi();
    const url = api.url;
    await api.close();
    const error = await failure(webClientSlackApi(client(url)).update({ channel: CHANNEL, ts: '1.2', text: 'x' }));
    expect(error).toMatchObject({ method: 'chat.update', code: 'slack_api_failed', slackError: 'request_error', kind: 'unavailable' });
  });
});
