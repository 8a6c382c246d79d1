import type { Logger } from '../../app/ports.ts';

export interface HomeRefresherOptions {
  /** Publishes the user's Home view as things stand now. */
  readonly publish: (userId: string) => Promise<void>;
  /** Looks at the user's clusters again when their last look is stale; true when it looked (so Home is worth publishing again). */
  readonly lookAgain: (userId: string) => Promise<boolean>;
  readonly log: Logger;
  /** At most one publish per user in this time (default 10 s); what comes in between is coalesced into one publish at its end. */
  readonly minIntervalMs?: number;
  /** Users who opened Home this recently are refreshed on rollout events (default 30 min). */
  readonly recentMs?: number;
  readonly now?: () => number;
  readonly schedule?: (run: () => void, ms: number) => void;
}

interface UserHome {
  seenAt: number;
  publishedAt: number;
  running: Promise<void> | undefined;
  /** A refresh was asked for while one ran or waited: one more publish follows. */
  again: boolean;
  timer: boolean;
}

/**
 * When each person's Home tab is published: at once when they open it, and after rollout events
 * for those who opened it recently, at most once per `minIntervalMs` per person (coalescing).
 */
export class HomeRefresher {
  private readonly homes = new Map<string, UserHome>();
  private readonly minIntervalMs: number;
  private readonly recentMs: number;
  private readonly now: () => number;
  private readonly schedule: (run: () => void, ms: number) => void;

  constructor(private readonly options: HomeRefresherOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 10_000;
    this.recentMs = options.recentMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms).unref());
  }

  /** `app_home_opened`: published now, then again (throttled) once a stale look at the nodes is back. */
  async opened(userId: string): Promise<void> {
    const home = this.homeOf(userId);
    home.seenAt = this.now();
    await this.publishNow(userId, home);
    const looked = await this.options.lookAgain(userId).catch((error: unknown) => {
      this.options.log.warn({ userId, err: error }, 'could not look at the nodes for Home');
      return false;
    });
    if (looked) this.refresh(userId);
  }

  /** A rollout event: every recent Home is refreshed, throttled. */
  rolloutChanged(): void {
    const since = this.now() - this.recentMs;
    for (const [userId, home] of this.homes) {
      if (home.seenAt >= since) this.refresh(userId);
      else this.homes.delete(userId);
    }
  }

  /** Resolves when no publish is under way (timers still waiting are not waited for). */
  async idle(): Promise<void> {
    await Promise.all([...this.homes.values()].flatMap((h) => (h.running === undefined ? [] : [h.running])));
  }

  /** A publish for `userId`, now if the last was long enough ago, else once at the end of the interval. */
  refresh(userId: string): void {
    const home = this.homeOf(userId);
    if (home.running !== undefined || home.timer) {
      home.again = true;
      return;
    }
    const wait = home.publishedAt + this.minIntervalMs - this.now();
    if (wait <= 0) {
      void this.publishNow(userId, home);
      return;
    }
    home.timer = true;
    this.schedule(() => {
      home.timer = false;
      void this.publishNow(userId, home);
    }, wait);
  }

  private homeOf(userId: string): UserHome {
    let home = this.homes.get(userId);
    if (home === undefined) {
      home = { seenAt: 0, publishedAt: Number.NEGATIVE_INFINITY, running: undefined, again: false, timer: false };
      this.homes.set(userId, home);
    }
    return home;
  }

  private async publishNow(userId: string, home: UserHome): Promise<void> {
    if (home.running !== undefined) {
      home.again = true;
      return home.running;
    }
    home.again = false;
    home.publishedAt = this.now();
    const run = this.options
      .publish(userId)
      .catch((error: unknown) => this.options.log.warn({ userId, err: error }, 'could not publish Home'))
      .finally(() => {
        home.running = undefined;
        if (home.again) {
          home.again = false;
          this.refresh(userId);
        }
      });
    home.running = run;
    return run;
  }
}
