import type { Clock } from '../../src/app/ports.ts';

/**
 * Hand-written fake of `Clock`: time moves only when `sleep` or `advance` is called, so waits and
 * deadlines can be tested without waiting.
 */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start = Date.parse('2025-01-01T00:00:00Z')) {
    this.ms = start;
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  sleep(ms: number): Promise<void> {
    this.ms += ms;
    return Promise.resolve();
  }
}
