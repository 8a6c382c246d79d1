import { describe, expect, it } from 'vitest';
import { findUnsafeCharacter } from './find-unsafe-character.ts';

describe('findUnsafeCharacter', () => {
  it.each(['a', 'https://x.example.com:8443/a?b=c,d*e', 'a[0]=b', '-XX:+UseG1GC', '~!#%()*+,-./:=?@[]^_{}', ''])('accepts %j', (token) => {
    expect(findUnsafeCharacter(token)).toBeUndefined();
  });

  it.each([
    ['$(reboot)', 'shell metacharacter ("$")'],
    ['`id`', 'shell metacharacter ("`")'],
    ['a;b', 'shell metacharacter (";")'],
    ['a|b', 'shell metacharacter ("|")'],
    ['a&b', 'shell metacharacter ("&")'],
    ['a<b', 'shell metacharacter ("<")'],
    ['a>b', 'shell metacharacter (">")'],
    ['a\\b', 'shell metacharacter ("\\")'],
    ["a'b", 'shell metacharacter ("\'")'],
    ['a"b', 'shell metacharacter (""")'],
    ['\u201Cx\u201D', 'typographic quote ("\u201C")'],
    ['\u2018x\u2019', 'typographic quote ("\u2018")'],
    ['«x»', 'typographic quote ("«")'],
    ['café', '"é" (U+00E9), which is not printable ASCII'],
    ['a b', 'contains a space, which only values may hold'],
    ['a\u00a0b', 'U+00A0, which is not printable ASCII'],
    ['a\u200bb', 'U+200B, which is not printable ASCII'],
    ['😀', '(U+1F600)'],
  ])('refuses %j: %s', (token, reason) => {
    expect(findUnsafeCharacter(token)).toContain(reason);
  });
});
