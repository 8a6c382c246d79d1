import { describe, expect, it } from 'vitest';
import { quoteToken } from './quote-token.ts';

describe('quoteToken', () => {
  it.each([
    ['x.jar', '"x.jar"'],
    ['../x.jar', '"../x.jar"'],
    ['café', '"café"'],
    ['a\nb', '"a\\u{A}b"'],
    ['a\u2028b', '"a\\u{2028}b"'],
    ['a b', '"a b"'],
    ['a\u00a0b', '"a\\u{A0}b"'],
    ['a\u200bb', '"a\\u{200B}b"'],
    ['a'.repeat(41), `"${'a'.repeat(40)}…"`],
    ['a'.repeat(40), `"${'a'.repeat(40)}"`],
  ])('%j -> %s', (token, shown) => {
    expect(quoteToken(token)).toBe(shown);
  });
});
