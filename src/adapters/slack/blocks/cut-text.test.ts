import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutLine, cutLineStart, cutText, cutTextTail } from './cut-text.ts';

const lines = (n: number, width = 9): string => Array.from({ length: n }, (_, i) => `line ${String(i + 1).padStart(width - 5, '0')}`).join('\n');

describe('cutLine / cutLineStart', () => {
  it.each([
    ['short text', 'abc', 5, 'abc', 'abc'],
    ['exactly max', 'abcde', 5, 'abcde', 'abcde'],
    ['one over', 'abcdef', 5, 'abcd…', '…cdef'],
    ['max 1', 'abcdef', 1, '…', '…'],
    ['max 0', 'abcdef', 0, '', ''],
    ['an emoji across the cut', 'ab😀cd', 4, 'ab…', '…cd'],
    ['an entity across the cut', 'a &amp; b', 5, 'a …', '… b'],
  ])('%s', (_name, text, max, head, tail) => {
    expect(cutLine(text, max)).toBe(head);
    expect(cutLineStart(text, max)).toBe(tail);
  });
});

describe('cutText', () => {
  it.each([
    ['fits', 'a\nb\nc', 10, 'a\nb\nc'],
    ['keeps whole lines and says how many are left out', lines(10), 50, 'line 0001\nline 0002\nline 0003\n… and 7 more lines'],
    ['a first line longer than max', `${'x'.repeat(100)}\nsecond`, 40, `${'x'.repeat(20)}…\n… and 1 more line`],
    ['a single long line', 'y'.repeat(100), 20, `${'y'.repeat(19)}…`],
    ['a custom marker', lines(10), 40, 'line 0001\nline 0002\n(8 left out)', (n: number) => `(${n} left out)`],
  ] as const)('%s', (_name, text, max, expected, marker?: (n: number) => string) => {
    expect(cutText(text, max, marker)).toBe(expected);
  });
});

describe('cutTextTail', () => {
  it.each([
    ['fits', 'a\nb', 10, 'a\nb'],
    ['keeps the last whole lines', lines(10), 50, '… 8 earlier lines cut\nline 0009\nline 0010'],
    ['a last line longer than max', `first\n${'x'.repeat(100)}`, 40, `… 1 earlier line cut\n…${'x'.repeat(17)}`],
  ])('%s', (_name, text, max, expected) => {
    expect(cutTextTail(text, max)).toBe(expected);
  });

  it('cuts a 5000-line output tail to the end', () => {
    const out = cutTextTail(lines(5000), 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.startsWith('… ')).toBe(true);
    expect(out.endsWith('line 5000')).toBe(true);
  });
});

describe('every cut fits its limit', () => {
  it('for any text and any limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 0, max: 300 }), (text, max) => {
        for (const cut of [cutLine, cutLineStart, cutText, cutTextTail]) expect(cut(text, max).length).toBeLessThanOrEqual(Math.max(max, 0));
      }),
      { numRuns: 300 },
    );
  });
});
