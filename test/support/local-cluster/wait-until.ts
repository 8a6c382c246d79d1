import { CodedError } from '../../../src/domain/coded-error.ts';
import { messageOf } from '../../../src/domain/message-of.ts';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Named in the `wait_timeout` error. */
  readonly what: string;
}

/** Polls `check` until it returns something other than undefined/false; CodedError `wait_timeout` otherwise. */
export async function waitUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new CodedError('wait_timeout', `timed out after ${options.timeoutMs} ms waiting for ${options.what}`, {
        lastError: lastError === undefined ? undefined : messageOf(lastError),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
