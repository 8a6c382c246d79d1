import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteWord } from './quote-word.ts';
import { tokenize } from './tokenize.ts';

describe('quoteWord', () => {
  it.each([
    ['session.timeout=30', 'session.timeout=30'],
    ['jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8', 'jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8'],
    ['company.default.name=Café', 'company.default.name=Café'],
    ["name=O'Brien", "name=O'Brien"],
    ['portal.name=My Portal', 'portal.name="My Portal"'],
    ['-Dfoo=a b', '-Dfoo="a b"'],
    ['a=say "hi"', 'a="say \\"hi\\""'],
    ['a="x"', 'a="\\"x\\""'],
    ['a=\'x\'', 'a="\'x\'"'],
    ['a=“x”', 'a="“x”"'],
    ['a=C:\\', 'a=C:\\'],
    ['a=C:\\ x', 'a="C:\\ x"'],
    ['a=x \\', 'a="x \\\\"'],
    ['a=C:\\temp dir', 'a="C:\\temp dir"'],
    ['a=\\"', 'a=\\"'],
    ['a=\\" x', 'a="\\\\\\" x"'],
    ['a b=c', '"a b=c"'],
    ['"x', '"\\"x"'],
    ['', '""'],
  ])('%j -> %s', (word, quoted) => {
    expect(quoteWord(word)).toBe(quoted);
    expect(tokenize(quoted)).toEqual({ ok: true, value: [word] });
  });

  it('reads back as the same one word, for any printable word', () => {
    const printable = fc.string({ unit: fc.oneof(fc.constantFrom(' ', '"', "'", '\\', '=', '“', '”', '‘', '’', 'a', 'é', '&', '$'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) })
      .filter((w) => !/[\p{C}\p{Zl}\p{Zp}\t\n\r]/u.test(w) && !/[^\S ]/u.test(w));
    fc.assert(fc.property(printable, (word) => {
      expect(tokenize(quoteWord(word))).toEqual({ ok: true, value: [word] });
    }), { numRuns: 3000 });
  });
});
