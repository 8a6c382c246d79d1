import type { Clock, Logger, ProgressNotifier, RolloutAnnouncement } from '../../app/ports.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { replay, transition, type RolloutState } from '../../domain/rollout/rollout-state.ts';
import { cutLine } from './blocks/cut-text.ts';
import { finalSummary } from './blocks/final-summary.ts';
import { MESSAGE_MAX_BLOCKS, TEXT_MAX, type Block, type SlackMessage } from './blocks/slack-message.ts';
import { statusBoard } from './blocks/status-board.ts';
import { stepReply } from './blocks/step-reply.ts';
import { DEFAULT_MIN_POST_INTERVAL_MS, SlackChannelLane } from './slack-channel-lane.ts';
import { rateLimitHoldMs, toSlackApiError, type SlackApi, type SlackApiError, type SlackApiMethod } from './slack-api.ts';
import { messageOf } from '../../domain/message-of.ts';

export interface SlackProgressNotifierOptions {
  readonly api: SlackApi;
  readonly clock: Clock;
  readonly log: Logger;
  /** The channels' lane the posts and updates go through, shared with the listeners; one of its own (paced by `minPostIntervalMs`) when absent. */
  readonly lane?: SlackChannelLane;
  /** Least time between two `chat.postMessage` calls to one channel, when the notifier makes its own lane. */
  readonly minPostIntervalMs?: number;
  /** Least time between two `chat.update` calls of this notifier (Tier 3: about 50 per minute per workspace). */
  readonly minUpdateIntervalMs?: number;
  /** First wait after Slack failed with a 5xx, a network error or `fatal_error` / `service_unavailable`; doubles per failure. */
  readonly backoffInitialMs?: number;
  /** The longest such wait. */
  readonly backoffMaxMs?: number;
}

export const DEFAULT_MIN_UPDATE_INTERVAL_MS = 1300;
export const DEFAULT_BACKOFF_INITIAL_MS = 1000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;

/** Slack errors after which the same content is sent again as text only. */
const TEXT_FALLBACK_ERRORS: ReadonlySet<string> = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long']);

/** Who approved, when the announcement does not say (statusBoard needs a value). */
const UNKNOWN_APPROVER = 'unknown';

/**
 * One queued thread reply. Step replies are coalesced with their neighbours; the final summary
 * and text-only fallbacks are posted on their own.
 */
type QueuedReply =
  | { readonly kind: 'step'; readonly text: string; readonly blocks: readonly Block[] }
  | { readonly kind: 'summary'; readonly text: string; readonly blocks: readonly Block[] }
  | { readonly kind: 'text-only'; readonly text: string };

interface Batch {
  /** How many queued replies the message carries (from the head of the queue). */
  readonly count: number;
  readonly text: string;
  /** Undefined: a text-only message. */
  readonly blocks: readonly Block[] | undefined;
}

class Backoff {
  private failures = 0;
  retryAt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** Records a failure at `now`; returns the wait before the next attempt. */
  fail(now: number): number {
    this.failures += 1;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures - 1, 30));
    this.retryAt = now + delay;
    return delay;
  }

  get attempts(): number {
    return this.failures;
  }

  reset(): void {
    this.failures = 0;
    this.retryAt = 0;
  }
}

interface Rollout {
  readonly announcement: RolloutAnnouncement;
  readonly events: RolloutEvent[];
  state: RolloutState;
  /** Thread replies not yet delivered, in event order. */
  readonly replies: QueuedReply[];
  /** Bumped per event: the board is stale while `boardShown < version`. */
  version: number;
  boardShown: number;
  /** The last board update was refused for its blocks: send the next one as text only. */
  boardTextOnly: boolean;
  /** Step titles by step id, from StepStarted events (restore and roll back steps are not in the plan). */
  readonly titles: Map<string, string>;
  /** A RolloutDone / RolloutInterrupted was published. */
  finished: boolean;
  readonly postBackoff: Backoff;
  readonly updateBackoff: Backoff;
  /** The delivery loop is running (or about to). */
  running: boolean;
  /** Aborting it wakes the loop from its sleep (new work, or the update slot came free). */
  wake: AbortController | undefined;
  readonly idle: (() => void)[];
}

/** A run ended (it may be resumed later: RolloutResumed opens it again). The final summary follows it. */
const isTerminal = (event: RolloutEvent): boolean => event.type === 'RolloutDone' || event.type === 'RolloutLeft';

/** Whether the last run of these events has ended. */
const endedIn = (events: readonly RolloutEvent[]): boolean => {
  const last = events.findLast((e) => isTerminal(e) || e.type === 'RolloutResumed' || e.type === 'RolloutStarted');
  return last !== undefined && isTerminal(last);
};

/** Consecutive step replies from the head of the queue that fit one message (≤ 50 blocks, text ≤ TEXT_MAX). */
function takeBatch(queue: readonly QueuedReply[]): Batch | undefined {
  const first = queue[0];
  if (first === undefined) return undefined;
  if (first.kind === 'text-only') return { count: 1, text: first.text, blocks: undefined };
  if (first.kind === 'summary') return { count: 1, text: first.text, blocks: first.blocks };
  let text = first.text;
  const blocks = [...first.blocks];
  let count = 1;
  for (const next of queue.slice(1)) {
    if (next.kind !== 'step') break;
    if (blocks.length + next.blocks.length > MESSAGE_MAX_BLOCKS) break;
    if (text.length + 1 + next.text.length > TEXT_MAX) break;
    text = `${text}\n${next.text}`;
    blocks.push(...next.blocks);
    count += 1;
  }
  return { count, text, blocks };
}

/**
 * ProgressNotifier on Slack: the request's message becomes a live status board (`chat.update`,
 * latest state only) and every event a reply in its thread (`chat.postMessage`, in order,
 * coalesced when several wait). Delivery runs behind `publish` in one loop per rollout, paced per
 * channel (posts, through the channel lane shared with the listeners) and per notifier (updates), and retried through rate limits and outages.
 */
export class SlackProgressNotifier implements ProgressNotifier {
  private readonly slack: SlackApi;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly lane: SlackChannelLane;
  private readonly minUpdateIntervalMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly rollouts = new Map<string, Rollout>();
  private nextUpdateAt = 0;
  private updateInFlight = false;

  constructor(options: SlackProgressNotifierOptions) {
    this.slack = options.api;
    this.clock = options.clock;
    this.log = options.log;
    this.lane =
      options.lane ?? new SlackChannelLane({ clock: options.clock, minPostIntervalMs: options.minPostIntervalMs ?? DEFAULT_MIN_POST_INTERVAL_MS, holdAfter: rateLimitHoldMs });
    this.minUpdateIntervalMs = options.minUpdateIntervalMs ?? DEFAULT_MIN_UPDATE_INTERVAL_MS;
    this.backoffInitialMs = options.backoffInitialMs ?? DEFAULT_BACKOFF_INITIAL_MS;
    this.backoffMaxMs = options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
  }

  /** Registers a rollout and renders its board; `pastEvents` (after a restart) rebuild the state without re-posting replies. */
  begin(announcement: RolloutAnnouncement, pastEvents: readonly RolloutEvent[] = []): void {
    const { rolloutId } = announcement;
    if (this.rollouts.has(rolloutId)) {
      // Still delivering an earlier run's posts: it goes on with the same board and queue.
      this.log.debug({ rolloutId }, 'rollout already announced');
      return;
    }
    const rollout: Rollout = {
      announcement,
      events: [...pastEvents],
      state: replay(announcement.plan.nodes, pastEvents),
      replies: [],
      version: 0,
      boardShown: -1,
      boardTextOnly: false,
      finished: endedIn(pastEvents),
      titles: new Map(pastEvents.flatMap((e) => (e.type === 'StepStarted' ? [[e.stepId, e.title] as const] : []))),
      postBackoff: new Backoff(this.backoffInitialMs, this.backoffMaxMs),
      updateBackoff: new Backoff(this.backoffInitialMs, this.backoffMaxMs),
      running: false,
      wake: undefined,
      idle: [],
    };
    this.rollouts.set(rolloutId, rollout);
    this.kick(rollout);
  }

  /** Queues the event's reply and a board refresh; returns at once and never throws. */
  publish(rolloutId: string, event: RolloutEvent): void {
    const rollout = this.rollouts.get(rolloutId);
    if (rollout === undefined) {
      this.log.warn({ rolloutId, event: event.type }, 'progress for an unknown rollout');
      return;
    }
    try {
      rollout.events.push(event);
      rollout.state = transition(rollout.state, event);
      rollout.version += 1;
      rollout.replies.push(this.replyFor(rollout, event));
      if (event.type === 'RolloutResumed') rollout.finished = false;
      if (isTerminal(event)) {
        rollout.finished = true;
        rollout.replies.push(this.summaryFor(rollout));
      }
    } catch (error) {
      this.log.error({ rolloutId, event: event.type, error: messageOf(error) }, 'progress not rendered');
    }
    this.kick(rollout);
  }

  /** Resolves once everything queued for the rollout is delivered (or given up as undeliverable). */
  flush(rolloutId: string): Promise<void> {
    const rollout = this.rollouts.get(rolloutId);
    if (rollout === undefined || !rollout.running) return Promise.resolve();
    return new Promise((resolve) => rollout.idle.push(resolve));
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private replyFor(rollout: Rollout, event: RolloutEvent): QueuedReply {
    try {
      if (event.type === 'StepStarted') rollout.titles.set(event.stepId, event.title);
      const message = stepReply(event, { plan: rollout.announcement.plan, titles: rollout.titles });
      return { kind: 'step', text: message.text, blocks: message.blocks };
    } catch (error) {
      this.log.error({ rolloutId: rollout.announcement.rolloutId, event: event.type, error: messageOf(error) }, 'step reply not rendered');
      return { kind: 'text-only', text: `${event.type} at ${event.at}` };
    }
  }

  private summaryFor(rollout: Rollout): QueuedReply {
    const { plan, requestedBy, approvedBy, wayBack } = rollout.announcement;
    const message = finalSummary({ plan, state: rollout.state, requestedBy, approvedBy, wayBack });
    return { kind: 'summary', text: message.text, blocks: message.blocks };
  }

  private board(rollout: Rollout): SlackMessage {
    const { plan, requestedBy, approvedBy, wayBack, rolloutId } = rollout.announcement;
    return statusBoard({ plan, state: rollout.state, requestedBy, approvedBy: approvedBy ?? UNKNOWN_APPROVER, requestId: rolloutId, wayBack });
  }

  private kick(rollout: Rollout): void {
    if (rollout.running) {
      rollout.wake?.abort();
      return;
    }
    rollout.running = true;
    void this.drain(rollout);
  }

  private wakeAll(): void {
    for (const rollout of this.rollouts.values()) rollout.wake?.abort();
  }

  /** When the next reply may be posted, or undefined when there is none (or the summary waits for the final board). */
  private postReadyAt(rollout: Rollout): number | undefined {
    const head = rollout.replies[0];
    if (head === undefined) return undefined;
    if (head.kind === 'summary' && rollout.boardShown < rollout.version) return undefined;
    return Math.max(this.lane.readyAt(rollout.announcement.channelId), rollout.postBackoff.retryAt);
  }

  /** When the board may be updated, or undefined when it shows the latest state. */
  private updateReadyAt(rollout: Rollout, now: number): number | undefined {
    if (rollout.boardShown >= rollout.version) return undefined;
    if (this.updateInFlight) return now + this.minUpdateIntervalMs; // woken earlier when the update in flight ends
    return Math.max(this.nextUpdateAt, rollout.updateBackoff.retryAt);
  }

  private async drain(rollout: Rollout): Promise<void> {
    await Promise.resolve(); // let a burst of publish() calls queue up before the first message is built
    try {
      for (;;) {
        const now = this.now();
        const post = this.postReadyAt(rollout);
        const update = this.updateReadyAt(rollout, now);
        if (post === undefined && update === undefined) break;
        if (post !== undefined && post <= now) {
          await this.postNext(rollout);
        } else if (update !== undefined && update <= now) {
          await this.updateBoard(rollout);
        } else {
          const until = Math.min(post ?? Number.POSITIVE_INFINITY, update ?? Number.POSITIVE_INFINITY);
          await this.sleep(rollout, until - now);
        }
      }
    } catch (error) {
      // A bug, not Slack: never let it escape as an unhandled rejection.
      this.log.error({ rolloutId: rollout.announcement.rolloutId, error: messageOf(error) }, 'slack delivery stopped');
      rollout.replies.length = 0;
      rollout.boardShown = rollout.version;
    } finally {
      rollout.running = false;
      rollout.wake = undefined;
      if (rollout.finished && rollout.replies.length === 0 && rollout.boardShown >= rollout.version) {
        this.rollouts.delete(rollout.announcement.rolloutId);
      }
      for (const resolve of rollout.idle.splice(0)) resolve();
    }
  }

  private async sleep(rollout: Rollout, ms: number): Promise<void> {
    const wake = new AbortController();
    rollout.wake = wake;
    try {
      await this.clock.sleep(Math.max(0, ms), wake.signal);
    } finally {
      if (rollout.wake === wake) rollout.wake = undefined;
    }
  }

  private async postNext(rollout: Rollout): Promise<void> {
    const batch = takeBatch(rollout.replies);
    if (batch === undefined) return;
    const { channelId: channel, messageTs } = rollout.announcement;
    try {
      const message = { channel, text: batch.text, thread_ts: messageTs, ...(batch.blocks === undefined ? {} : { blocks: batch.blocks }) };
      await this.lane.run(channel, () => this.slack.postMessage(message), { paced: true });
      rollout.replies.splice(0, batch.count);
      rollout.postBackoff.reset();
    } catch (thrown) {
      const error = toSlackApiError('chat.postMessage', thrown);
      switch (error.kind) {
        case 'rate_limited':
          // The lane holds the channel back for the Retry-After.
          this.logRateLimit(rollout, error);
          return;
        case 'unavailable':
          this.logOutage(rollout, error, rollout.postBackoff.fail(this.now()), rollout.postBackoff.attempts);
          return;
        case 'rejected':
          this.logRejected(rollout, error);
          if (batch.blocks !== undefined && TEXT_FALLBACK_ERRORS.has(error.slackError)) {
            rollout.replies.splice(0, batch.count, { kind: 'text-only', text: cutLine(batch.text, TEXT_MAX) });
          } else {
            rollout.replies.splice(0, batch.count);
          }
          rollout.postBackoff.reset();
          return;
      }
    }
  }

  private async updateBoard(rollout: Rollout): Promise<void> {
    const { channelId: channel, messageTs: ts } = rollout.announcement;
    const version = rollout.version;
    const textOnly = rollout.boardTextOnly;
    let message: SlackMessage;
    try {
      message = this.board(rollout);
    } catch (error) {
      this.log.error({ rolloutId: rollout.announcement.rolloutId, error: messageOf(error) }, 'status board not rendered');
      rollout.boardShown = version;
      return;
    }
    this.updateInFlight = true;
    try {
      // Text only: an empty `blocks` removes the old board (Slack keeps the blocks when the field is absent).
      const update = { channel, ts, text: message.text, blocks: textOnly ? [] : message.blocks };
      await this.lane.run(
        channel,
        () => {
          // Spaced from when the call is made: it may have waited its turn in the channel's lane.
          this.nextUpdateAt = Math.max(this.nextUpdateAt, this.now() + this.minUpdateIntervalMs);
          return this.slack.update(update);
        },
        { paced: false },
      );
      rollout.boardShown = Math.max(rollout.boardShown, version);
      rollout.boardTextOnly = false;
      rollout.updateBackoff.reset();
    } catch (thrown) {
      const error = toSlackApiError('chat.update', thrown);
      switch (error.kind) {
        case 'rate_limited':
          this.nextUpdateAt = Math.max(this.nextUpdateAt, this.now() + this.rateLimitWaitMs(error, this.minUpdateIntervalMs));
          this.logRateLimit(rollout, error);
          break;
        case 'unavailable':
          this.logOutage(rollout, error, rollout.updateBackoff.fail(this.now()), rollout.updateBackoff.attempts);
          break;
        case 'rejected':
          this.logRejected(rollout, error);
          rollout.updateBackoff.reset();
          if (!textOnly && TEXT_FALLBACK_ERRORS.has(error.slackError)) rollout.boardTextOnly = true;
          else rollout.boardShown = Math.max(rollout.boardShown, version);
          break;
      }
    } finally {
      this.updateInFlight = false;
      this.wakeAll();
    }
  }

  private rateLimitWaitMs(error: SlackApiError, atLeastMs: number): number {
    return Math.max(atLeastMs, (error.retryAfterSeconds ?? 1) * 1000);
  }

  private logRateLimit(rollout: Rollout, error: SlackApiError): void {
    this.log.info({ rolloutId: rollout.announcement.rolloutId, method: error.method, retryAfterSeconds: error.retryAfterSeconds }, 'slack rate limited');
  }

  private logOutage(rollout: Rollout, error: SlackApiError, retryInMs: number, attempts: number): void {
    this.log.warn({ rolloutId: rollout.announcement.rolloutId, method: error.method, error: error.slackError, attempts, retryInMs }, 'slack unavailable');
  }

  private logRejected(rollout: Rollout, error: SlackApiError): void {
    const method: SlackApiMethod = error.method;
    this.log.warn({ rolloutId: rollout.announcement.rolloutId, method, error: error.slackError }, 'slack delivery failed');
  }
}
