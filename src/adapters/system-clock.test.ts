import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { systemClock } from './system-clock.ts';

describe('systemClock.sleep', () => {
  it('leaves no abort listener behind on a signal shared by many sleeps that end on their timer', async () => {
    const shared = new AbortController();
    for (let i = 0; i < 12; i += 1) await systemClock.sleep(1, shared.signal);
    await Promise.all(Array.from({ length: 12 }, () => systemClock.sleep(1, shared.signal)));

    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('ends every sleep on the signal when it aborts, long before their time, and keeps no listener', async () => {
    const shared = new AbortController();
    const sleeps = Array.from({ length: 3 }, () => systemClock.sleep(600_000, shared.signal));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(3);

    shared.abort();

    await Promise.all(sleeps);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('returns at once on a signal that is already aborted', async () => {
    await systemClock.sleep(600_000, AbortSignal.abort());
  });
});
