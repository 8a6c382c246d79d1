import { describe, expect, it } from 'vitest';
import { parseFailure } from './parse-failure.ts';

describe('parseFailure', () => {
  it.each([
    ['missing "on <cluster>"', 'missing "on <cluster>"'],
    ['two\nlines', 'two lines'],
    ['a\r\n\u2028b', 'a b'],
  ])('%j -> one line %j (the channel adds the usage)', (reason, line) => {
    expect(parseFailure(reason)).toEqual({ ok: false, error: { code: 'parse_error', reason: line } });
  });
});
