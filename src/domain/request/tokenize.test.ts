import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it.each<[string, readonly string[]]>([
    ['', []],
    ['   ', []],
    ['a b', ['a', 'b']],
    ['  a   b  ', ['a', 'b']],
    ['a\u00a0b', ['a', 'b']],
    ['a\u00a0\u00a0b\u202fc', ['a', 'b', 'c']],
    ['a\tb\nc\r\nd', ['a', 'b', 'c', 'd']],
    ['a=1,b=2', ['a=1,b=2']],
    ['“x”', ['“x”']],
    ['café', ['café']],
  ])('%j -> %j', (text, words) => {
    expect(tokenize(text)).toEqual({ ok: true, value: words });
  });

  it.each([
    ['a\u0000b', 'U+0000'],
    ['a\u0007', 'U+0007'],
    ['\u001b[31m', 'U+001B'],
    ['a\u007fb', 'U+007F'],
    ['a\u0085b', 'U+0085'],
    ['a\u200bb', 'U+200B'],
    ['a\u202eb', 'U+202E'],
    ['a\ud800b', 'U+D800'],
    ['x'.repeat(2001), 'too long'],
  ])('refuses %j (%s)', (text, fragment) => {
    const result = tokenize(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
