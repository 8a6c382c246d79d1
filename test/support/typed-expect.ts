import { expect } from 'vitest';

/**
 * vitest's asymmetric matchers typed as the value they stand in for (vitest types them `any`, which
 * the type-aware lint refuses inside an expected object): `{ message: typedExpect.stringMatching(/…/) }`.
 */
export const typedExpect = {
  /** A string that matches `pattern`. */
  stringMatching: (pattern: RegExp | string): string => expect.stringMatching(pattern) as string,
  /** A string that contains `text`. */
  stringContaining: (text: string): string => expect.stringContaining(text) as string,
  /** An object with at least these properties (equal by `toEqual`). */
  objectContaining: <T extends object>(partial: T): T => expect.objectContaining<unknown>(partial) as T,
};
