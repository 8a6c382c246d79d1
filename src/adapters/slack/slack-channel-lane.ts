import PQueue from 'p-queue';
import type { Clock } from '../../app/ports.ts';

export interface SlackChannelLaneOptions {
  readonly clock: Clock;
  /** Least time between two paced calls (`chat.postMessage`) in one channel (Slack: about 1 per second, threads included). */
  readonly minPostIntervalMs: number;
  /** How long a failed call asks the channel to wait before its next paced call (a 429's Retry-After), if at all. */
  readonly holdAfter?: (error: unknown) => number | undefined;
}

export const DEFAULT_MIN_POST_INTERVAL_MS = 1100;

/**
 * The one way the bot talks to a Slack channel: every call for a channel (the listeners' posts,
 * updates and ephemerals, the progress notifier's thread replies and board updates) waits its turn
 * in the channel's queue and runs one at a time, in the order it was queued. Paced calls
 * (`chat.postMessage`) are also kept `minPostIntervalMs` apart per channel, and held back after a
 * rate limit. Channels do not wait for each other; a call that fails rejects its own promise and
 * the next one runs.
 */
export class SlackChannelLane {
  private readonly clock: Clock;
  private readonly minPostIntervalMs: number;
  private readonly holdAfter: (error: unknown) => number | undefined;
  private readonly queues = new Map<string, PQueue>();
  /** channel -> earliest time (ms) of its next paced call. */
  private readonly nextPostAt = new Map<string, number>();

  constructor(options: SlackChannelLaneOptions) {
    this.clock = options.clock;
    this.minPostIntervalMs = options.minPostIntervalMs;
    this.holdAfter = options.holdAfter ?? (() => undefined);
  }

  /** When the channel's next paced call may start (ms). */
  readyAt(channel: string): number {
    return this.nextPostAt.get(channel) ?? 0;
  }

  /** Queues `call` in the channel's lane; `paced` calls also keep the channel's post interval. */
  run<T>(channel: string, call: () => Promise<T>, { paced }: { readonly paced: boolean }): Promise<T> {
    return this.queueOf(channel).add(async () => {
      if (paced) {
        const wait = this.readyAt(channel) - this.now();
        if (wait > 0) await this.clock.sleep(wait);
        this.holdUntil(channel, this.now() + this.minPostIntervalMs);
      }
      try {
        return await call();
      } catch (error) {
        const hold = this.holdAfter(error);
        if (hold !== undefined) this.holdUntil(channel, this.now() + Math.max(hold, this.minPostIntervalMs));
        throw error;
      }
    });
  }

  /** Resolves when every call queued so far (in every channel) has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.onIdle()));
  }

  private holdUntil(channel: string, at: number): void {
    this.nextPostAt.set(channel, Math.max(this.readyAt(channel), at));
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private queueOf(channel: string): PQueue {
    let queue = this.queues.get(channel);
    if (queue === undefined) {
      queue = new PQueue({ concurrency: 1 });
      this.queues.set(channel, queue);
    }
    return queue;
  }
}
