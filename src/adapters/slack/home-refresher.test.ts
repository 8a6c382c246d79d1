import { describe, expect, it } from 'vitest';
import { HomeRefresher } from './home-refresher.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** A refresher on a hand-moved clock, with its timers run by `advance`. */
function scene(options: { lookAgain?: boolean } = {}) {
  let now = 1_000_000;
  const timers: { at: number; run: () => void }[] = [];
  const published: string[] = [];
  const refresher = new HomeRefresher({
    log: silent,
    minIntervalMs: 10_000,
    recentMs: 60_000,
    now: () => now,
    schedule: (run, ms) => timers.push({ at: now + ms, run }),
    publish: (userId) => {
      published.push(`${userId}@${now - 1_000_000}`);
      return Promise.resolve();
    },
    lookAgain: () => Promise.resolve(options.lookAgain ?? false),
  });
  const advance = async (ms: number): Promise<void> => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
    await refresher.idle();
  };
  return { refresher, published, advance, pendingTimers: () => timers.length };
}

describe('HomeRefresher', () => {
  it('publishes at once when Home is opened', async () => {
    const s = scene();
    await s.refresher.opened('U1');
    expect(s.published).toEqual(['U1@0']);
  });

  it('publishes again once a stale look at the nodes is back (throttled)', async () => {
    const s = scene({ lookAgain: true });
    await s.refresher.opened('U1');
    expect(s.published).toEqual(['U1@0']);
    await s.advance(10_000);
    expect(s.published).toEqual(['U1@0', 'U1@10000']);
  });

  it('coalesces a burst of rollout events into one publish per interval', async () => {
    const s = scene();
    await s.refresher.opened('U1');
    for (let i = 0; i < 50; i += 1) s.refresher.rolloutChanged();
    expect(s.pendingTimers()).toBe(1);
    await s.advance(9_999);
    expect(s.published).toEqual(['U1@0']);
    await s.advance(1);
    expect(s.published).toEqual(['U1@0', 'U1@10000']);
    await s.advance(3_000);
    s.refresher.rolloutChanged();
    await s.advance(6_999);
    expect(s.published).toHaveLength(2);
    await s.advance(1);
    expect(s.published).toEqual(['U1@0', 'U1@10000', 'U1@20000']);
  });

  it('refreshes at once an event long after the last publish', async () => {
    const s = scene();
    await s.refresher.opened('U1');
    await s.advance(30_000);
    s.refresher.rolloutChanged();
    await s.refresher.idle();
    expect(s.published).toEqual(['U1@0', 'U1@30000']);
  });

  it('refreshes only those who opened Home recently, each on their own pace', async () => {
    const s = scene();
    await s.refresher.opened('U1');
    await s.advance(50_000);
    await s.refresher.opened('U2');
    await s.advance(20_000);
    // U1 opened Home 70 s ago (more than the 60 s that count as recent); U2 20 s ago.
    s.refresher.rolloutChanged();
    await s.refresher.idle();
    expect(s.published).toEqual(['U1@0', 'U2@50000', 'U2@70000']);
  });
});
