import type { Clock, Logger, ProgressNotifier, RolloutAnnouncement } from '../../app/ports.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { replay, transition, type RolloutState } from '../../domain/rollout/rollout-state.ts';
import { RolloutThread, type ThreadEntry } from './blocks/rollout-thread.ts';
import type { SlackMessage } from './blocks/slack-message.ts';
import { statusBoard } from './blocks/status-board.ts';
import { DEFAULT_MIN_POST_INTERVAL_MS, SlackChannelLane } from './slack-channel-lane.ts';
import { rateLimitHoldMs, toSlackApiError, type SlackApi, type SlackApiError, type SlackApiMethod, type UpdateArgs } from './slack-api.ts';
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

/** How far a thread entry got on Slack. */
interface Delivery {
  /** The reply's ts, once posted (unknown for replies of an earlier process: those are not touched again). */
  ts: string | undefined;
  /** Posted (or given up on): later entries may go. */
  posted: boolean;
  /** The entry's version Slack shows. */
  shown: number;
  /** The last update was refused for its blocks: send the next one as text only. */
  textOnly: boolean;
  /** When the entry first differed from what Slack shows (picks the update that waited longest). */
  staleSince: number;
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
  state: RolloutState;
  /** The thread's messages, in the order they are posted. */
  readonly thread: RolloutThread;
  readonly deliveries: Map<string, Delivery>;
  /** Bumped per event: the board is stale while `boardShown < version`. */
  version: number;
  boardShown: number;
  boardStaleSince: number;
  /** The last board update was refused for its blocks: send the next one as text only. */
  boardTextOnly: boolean;
  /** A RolloutDone / RolloutLeft was published. */
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

/**
 * ProgressNotifier on Slack: the request's message becomes a live status board (`chat.update`,
 * latest state only) and its thread a short account (RolloutThread): one reply per run and per
 * node, posted when it begins and updated in place as its steps go, one per failure and control
 * action, and the final summary broadcast to the channel. Delivery runs behind `publish` in one
 * loop per rollout: posts in order, paced per channel (through the channel lane shared with the
 * listeners), updates coalesced to the latest state and spaced per notifier (Slack's chat.update
 * budget is per workspace), everything retried through rate limits and outages.
 *
 * Reply ts live in memory only: after a restart the rollout goes on in a new run, whose replies are
 * new; the replies of the run that was cut short stay as they last were (the run's own reply says
 * the bot restarted).
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

  /** Registers a rollout and renders its board; `pastEvents` (after a restart) rebuild the state and the thread without re-posting replies. */
  begin(announcement: RolloutAnnouncement, pastEvents: readonly RolloutEvent[] = []): void {
    const { rolloutId, plan, requestedBy, approvedBy, wayBack } = announcement;
    if (this.rollouts.has(rolloutId)) {
      // Still delivering an earlier run's posts: it goes on with the same board and thread.
      this.log.debug({ rolloutId }, 'rollout already announced');
      return;
    }
    const thread = new RolloutThread({ plan, requestedBy, approvedBy, wayBack });
    let state = replay(plan.nodes, []);
    for (const event of pastEvents) {
      state = transition(state, event);
      thread.apply(event, state);
    }
    const rollout: Rollout = {
      announcement,
      state,
      thread,
      // What earlier events made is on Slack already (or was, for an earlier process).
      deliveries: new Map(thread.entries.map((e) => [e.key, { ts: undefined, posted: true, shown: e.version, textOnly: false, staleSince: 0 }])),
      version: 0,
      boardShown: -1,
      boardStaleSince: this.now(),
      boardTextOnly: false,
      finished: endedIn(pastEvents),
      postBackoff: new Backoff(this.backoffInitialMs, this.backoffMaxMs),
      updateBackoff: new Backoff(this.backoffInitialMs, this.backoffMaxMs),
      running: false,
      wake: undefined,
      idle: [],
    };
    this.rollouts.set(rolloutId, rollout);
    this.kick(rollout);
  }

  /** Folds the event into the board and the thread; returns at once and never throws. */
  publish(rolloutId: string, event: RolloutEvent): void {
    const rollout = this.rollouts.get(rolloutId);
    if (rollout === undefined) {
      this.log.warn({ rolloutId, event: event.type }, 'progress for an unknown rollout');
      return;
    }
    try {
      rollout.state = transition(rollout.state, event);
      if (rollout.boardShown >= rollout.version) rollout.boardStaleSince = this.now();
      rollout.version += 1;
      const before = new Map(rollout.thread.entries.map((e) => [e.key, e.version]));
      rollout.thread.apply(event, rollout.state);
      for (const entry of rollout.thread.entries) {
        const delivery = rollout.deliveries.get(entry.key);
        if (delivery !== undefined && delivery.shown === before.get(entry.key) && entry.version !== delivery.shown) delivery.staleSince = this.now();
      }
      if (event.type === 'RolloutResumed') rollout.finished = false;
      if (isTerminal(event)) rollout.finished = true;
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

  /** Entries posted with a ts that Slack shows in an older version. */
  private staleEntries(rollout: Rollout): { entry: ThreadEntry; delivery: Delivery }[] {
    return rollout.thread.entries.flatMap((entry) => {
      const delivery = rollout.deliveries.get(entry.key);
      return delivery !== undefined && delivery.posted && delivery.ts !== undefined && delivery.shown < entry.version ? [{ entry, delivery }] : [];
    });
  }

  /** The next entry to post: the first one not yet posted (the thread keeps its order). */
  private nextToPost(rollout: Rollout): ThreadEntry | undefined {
    return rollout.thread.entries.find((e) => {
      const delivery = rollout.deliveries.get(e.key);
      // An entry of an earlier process that changes again is posted anew (its ts is not known).
      return delivery === undefined || !delivery.posted || (delivery.ts === undefined && delivery.shown < e.version);
    });
  }

  /** When the next reply may be posted, or undefined when there is none (or the summary waits for the final board and replies). */
  private postReadyAt(rollout: Rollout): number | undefined {
    const next = this.nextToPost(rollout);
    if (next === undefined) return undefined;
    if (next.summary && (rollout.boardShown < rollout.version || this.staleEntries(rollout).length > 0)) return undefined;
    return Math.max(this.lane.readyAt(rollout.announcement.channelId), rollout.postBackoff.retryAt);
  }

  /** When the board or a reply may be updated, or undefined when Slack shows the latest of each. */
  private updateReadyAt(rollout: Rollout, now: number): number | undefined {
    if (rollout.boardShown >= rollout.version && this.staleEntries(rollout).length === 0) return undefined;
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
          await this.updateNext(rollout);
        } else {
          const until = Math.min(post ?? Number.POSITIVE_INFINITY, update ?? Number.POSITIVE_INFINITY);
          await this.sleep(rollout, until - now);
        }
      }
    } catch (error) {
      // A bug, not Slack: never let it escape as an unhandled rejection.
      this.log.error({ rolloutId: rollout.announcement.rolloutId, error: messageOf(error) }, 'slack delivery stopped');
      for (const entry of rollout.thread.entries) rollout.deliveries.set(entry.key, { ts: undefined, posted: true, shown: entry.version, textOnly: false, staleSince: 0 });
      rollout.boardShown = rollout.version;
    } finally {
      rollout.running = false;
      rollout.wake = undefined;
      if (rollout.finished && this.nextToPost(rollout) === undefined && this.staleEntries(rollout).length === 0 && rollout.boardShown >= rollout.version) {
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

  /** Renders an entry; one that cannot be rendered (a bug) is said in one plain line. */
  private render(rollout: Rollout, entry: ThreadEntry): SlackMessage {
    try {
      return entry.render();
    } catch (error) {
      this.log.error({ rolloutId: rollout.announcement.rolloutId, entry: entry.key, error: messageOf(error) }, 'thread reply not rendered');
      return { text: `(${entry.key} could not be shown)`, blocks: [] };
    }
  }

  private async postNext(rollout: Rollout): Promise<void> {
    const entry = this.nextToPost(rollout);
    if (entry === undefined) return;
    const { channelId: channel, messageTs } = rollout.announcement;
    const delivery: Delivery = rollout.deliveries.get(entry.key) ?? { ts: undefined, posted: false, shown: -1, textOnly: false, staleSince: this.now() };
    rollout.deliveries.set(entry.key, delivery);
    const version = entry.version;
    const message = this.render(rollout, entry);
    const textOnly = delivery.textOnly || message.blocks.length === 0;
    try {
      const args = {
        channel,
        text: message.text,
        thread_ts: messageTs,
        ...(textOnly ? {} : { blocks: message.blocks }),
        ...(entry.summary ? { reply_broadcast: true } : {}),
      };
      const posted = await this.lane.run(channel, () => this.slack.postMessage(args), { paced: true });
      Object.assign(delivery, { ts: posted.ts, posted: true, shown: version, staleSince: this.now() });
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
          if (!textOnly && TEXT_FALLBACK_ERRORS.has(error.slackError)) {
            delivery.textOnly = true;
          } else {
            // Given up: it is not posted again, and later replies go on.
            Object.assign(delivery, { posted: true, ts: undefined, shown: Number.POSITIVE_INFINITY });
          }
          rollout.postBackoff.reset();
          return;
      }
    }
  }

  /** Updates whichever of the board and the replies waited longest for it. */
  private async updateNext(rollout: Rollout): Promise<void> {
    const stale = this.staleEntries(rollout);
    const oldest = stale.reduce<(typeof stale)[number] | undefined>((a, b) => (a === undefined || b.delivery.staleSince < a.delivery.staleSince ? b : a), undefined);
    if (oldest !== undefined && (rollout.boardShown >= rollout.version || oldest.delivery.staleSince < rollout.boardStaleSince)) {
      await this.updateEntry(rollout, oldest.entry, oldest.delivery);
      return;
    }
    await this.updateBoard(rollout);
  }

  private async updateEntry(rollout: Rollout, entry: ThreadEntry, delivery: Delivery): Promise<void> {
    const { channelId: channel } = rollout.announcement;
    const ts = delivery.ts;
    if (ts === undefined) return;
    const version = entry.version;
    const message = this.render(rollout, entry);
    const textOnly = delivery.textOnly || message.blocks.length === 0;
    await this.update(rollout, { channel, ts, text: message.text, blocks: textOnly ? [] : message.blocks }, {
      done: () => {
        delivery.shown = Math.max(delivery.shown, version);
        delivery.staleSince = this.now();
        delivery.textOnly = false;
      },
      refused: (fallback) => {
        if (!textOnly && fallback) delivery.textOnly = true;
        else delivery.shown = Math.max(delivery.shown, version);
      },
    });
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
    // Text only: an empty `blocks` removes the old board (Slack keeps the blocks when the field is absent).
    await this.update(rollout, { channel, ts, text: message.text, blocks: textOnly ? [] : message.blocks }, {
      done: () => {
        rollout.boardShown = Math.max(rollout.boardShown, version);
        rollout.boardStaleSince = this.now();
        rollout.boardTextOnly = false;
      },
      refused: (fallback) => {
        if (!textOnly && fallback) rollout.boardTextOnly = true;
        else rollout.boardShown = Math.max(rollout.boardShown, version);
      },
    });
  }

  /** One `chat.update` through the notifier's update slot; `refused(fallback)` when Slack rejects it (`fallback`: for its blocks). */
  private async update(rollout: Rollout, args: UpdateArgs, on: { readonly done: () => void; readonly refused: (fallback: boolean) => void }): Promise<void> {
    this.updateInFlight = true;
    try {
      await this.lane.run(
        args.channel,
        () => {
          // Spaced from when the call is made: it may have waited its turn in the channel's lane.
          this.nextUpdateAt = Math.max(this.nextUpdateAt, this.now() + this.minUpdateIntervalMs);
          return this.slack.update(args);
        },
        { paced: false },
      );
      on.done();
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
          on.refused(TEXT_FALLBACK_ERRORS.has(error.slackError));
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
