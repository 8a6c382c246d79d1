import type { Clock } from '../app/ports.ts';

export const systemClock: Clock = {
  now: () => new Date(),
  // The abort listener goes when the sleep ends either way: callers reuse one signal for many sleeps (the cluster gate's settle checks).
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
