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
    ['café', ['café']],
    // quoting the whole word, or only the value after "="
    ["'portal.name=My Portal' x", ['portal.name=My Portal', 'x']],
    ['portal.name="My Portal" x', ['portal.name=My Portal', 'x']],
    ['-Dfoo="a b"', ['-Dfoo=a b']],
    ['"a  b"', ['a  b']],
    ['""', ['']],
    ['a="" b', ['a=', 'b']],
    // typographic quotes, each opener with its own closer
    ['“My Portal” x', ['My Portal', 'x']],
    ['name=“Smith & Co”', ['name=Smith & Co']],
    ['name=‘O’Brien & Co’', ['name=O’Brien & Co']],
    ['“a ” b”', ['a ', 'b”']],
    // the other kind is data; inside a word a quote is an ordinary character
    [`"it's" x`, [`it's`, 'x']],
    [`'say "hi"'`, ['say "hi"']],
    ['“a "b" ‘c’”', ['a "b" ‘c’']],
    ["O'Brien O’Brien a\"b", ["O'Brien", 'O’Brien', 'a"b']],
    ['a=b"c d"', ['a=b"c', 'd"']],
    // a closer inside the word is data: the quote ends where its word ends
    ["'O'Brien' x", ["O'Brien", 'x']],
    // escapes: backslash before the quote's own closer or a backslash
    ['"say \\"hi\\" now"', ['say "hi" now']],
    ["'it\\'s'", ["it's"]],
    ['"C:\\\\"', ['C:\\']],
    ['"C:\\temp\\x"', ['C:\\temp\\x']],
    ['"a\\\'b"', ["a\\'b"]],
    ['“a\\”b”', ['a”b']],
    ['a\\b', ['a\\b']],
    // any Unicode space inside quotes is the space that was typed
    ['"a\u00a0b"', ['a b']],
    ['x="Café Zürich"', ['x=Café Zürich']],
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
    ['"a\u200bb"', 'U+200B'],
    ['"a\tb"', 'U+0009'],
    ['"a\nb"', 'U+000A'],
    ['"a\u2028b"', 'U+2028'],
    ['x'.repeat(2001), 'too long'],
    ['a="My Portal', 'unclosed quote at character 3: "My Portal has no closing "'],
    ["property set 'a=b on prod", "unclosed quote at character 14: 'a=b on prod has no closing '"],
    ['x “a b', 'unclosed quote at character 3: “a b has no closing ”'],
    ['"a"b', 'has no closing "'],
    ['"a \\"', 'has no closing "'],
    [`"${'y'.repeat(40)}`, `"${'y'.repeat(29)}… has no closing`],
  ])('refuses %j (%s)', (text, fragment) => {
    const result = tokenize(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(fragment);
      expect(result.error).not.toMatch(/[\r\n]/);
    }
  });
});
