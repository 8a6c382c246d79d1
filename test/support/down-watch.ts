import type { LocalRollout } from './local-rollout.ts';

/** What `watchDowntime` saw between its start and `stop()`. */
export interface Downtime {
  /** The most nodes seen down (JVM process not alive) at the same moment. */
  readonly maxDownAtOnce: number;
  /** Per node: the longest stretch it was seen down, in ms. */
  readonly longestDownMs: Readonly<Record<string, number>>;
  /** Per node: how many times it went down. */
  readonly stops: Readonly<Record<string, number>>;
  readonly samples: number;
}

/**
 * Samples every node of the local cluster (is its JVM process alive?) every `intervalMs` until
 * `stop()`: how many were down at once, how long each stayed down, how often each went down.
 */
export function watchDowntime(rollout: LocalRollout, intervalMs = 25): { stop(): Downtime } {
  const names = rollout.local.nodes.map((n) => n.name);
  const downSince = new Map<string, number>();
  const longest: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const stops: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let maxDownAtOnce = 0;
  let samples = 0;
  const sample = (): void => {
    const now = Date.now();
    samples += 1;
    let down = 0;
    for (const name of names) {
      if (rollout.local.isRunning(name)) {
        const since = downSince.get(name);
        if (since !== undefined) longest[name] = Math.max(longest[name] ?? 0, now - since);
        downSince.delete(name);
      } else {
        down += 1;
        if (!downSince.has(name)) {
          downSince.set(name, now);
          stops[name] = (stops[name] ?? 0) + 1;
        }
      }
    }
    maxDownAtOnce = Math.max(maxDownAtOnce, down);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const now = Date.now();
      for (const [name, since] of downSince) longest[name] = Math.max(longest[name] ?? 0, now - since);
      return { maxDownAtOnce, longestDownMs: longest, stops, samples };
    },
  };
}
