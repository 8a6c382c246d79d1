/** What a delivery is: the first of its kind, the first repeat (tell the user once), or a later repeat (say nothing). */
export type DeliveryVerdict = 'new' | 'repeat' | 'repeat-again';

/** One delivery of a slash command, a click or a modal submission, by the keys that make two deliveries the same. */
export interface Delivery {
  /** Slack's `trigger_id`: a redelivery of one request carries the same one. */
  readonly trigger?: string | undefined;
  /** Who sent what where (`requester + channel + text`, `user + action + message`): the same thing twice in a short window. */
  readonly content: string;
}

export interface DeliveryDedupeOptions {
  /** How long the same content counts as a repeat (default 5 s). */
  readonly windowMs?: number;
  /** How long a `trigger_id` counts as seen (default 10 minutes: Slack's redeliveries come later than a double click). */
  readonly triggerWindowMs?: number;
  /** At most this many keys are remembered; the oldest go first (default 2000). */
  readonly maxKeys?: number;
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

interface Seen {
  readonly until: number;
  readonly repeats: number;
}

/**
 * Slack may deliver one slash command or click twice (a retry, a double click, two Socket Mode
 * connections): each is judged here before anything is done, by its `trigger_id` and by its content
 * within a short window. In memory, bounded: the same in HTTP and Socket Mode, per bot process.
 */
export class DeliveryDedupe {
  private readonly windowMs: number;
  private readonly triggerWindowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** key -> when it stops counting; in insertion order, so the oldest come first. */
  private readonly seen = new Map<string, Seen>();

  constructor(options: DeliveryDedupeOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.triggerWindowMs = options.triggerWindowMs ?? 10 * 60_000;
    this.maxKeys = Math.max(2, options.maxKeys ?? 2000);
    this.now = options.now ?? Date.now;
  }

  /** Judges a delivery and remembers it. */
  check(delivery: Delivery): DeliveryVerdict {
    const now = this.now();
    this.forgetExpired(now);
    const keys: [string, number][] = [[`content:${delivery.content}`, this.windowMs]];
    if (delivery.trigger !== undefined && delivery.trigger !== '') keys.push([`trigger:${delivery.trigger}`, this.triggerWindowMs]);
    const before = keys.map(([key]) => this.seen.get(key)).filter((s): s is Seen => s !== undefined);
    const repeats = before.length === 0 ? 0 : Math.max(...before.map((s) => s.repeats)) + 1;
    for (const [key, windowMs] of keys) {
      const until = Math.max(now + windowMs, this.seen.get(key)?.until ?? 0);
      this.seen.delete(key);
      this.seen.set(key, { until, repeats });
    }
    while (this.seen.size > this.maxKeys) {
      const oldest = this.seen.keys().next();
      if (oldest.done === true) break;
      this.seen.delete(oldest.value);
    }
    return repeats === 0 ? 'new' : repeats === 1 ? 'repeat' : 'repeat-again';
  }

  /**
   * The delivery's work is done (a control's run has ended): from now on the same content is a new
   * click, which the state it acts on answers for itself. Its `trigger_id` stays seen.
   */
  settle(delivery: Delivery): void {
    this.seen.delete(`content:${delivery.content}`);
  }

  /** How many keys are remembered now (for tests of the bound). */
  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    for (const [key, seen] of this.seen) if (seen.until <= now) this.seen.delete(key);
  }
}
