import { describe, expect, it } from 'vitest';
import { slackTime } from './slack-time.ts';

describe('slackTime', () => {
  it.each([
    ['time', '<!date^1764770709^{time}|14:05 UTC>'],
    ['seconds', '<!date^1764770709^{time_secs}|14:05:09 UTC>'],
    ['date', '<!date^1764770709^{date_short_pretty} {time}|2025-12-03 14:05 UTC>'],
  ] as const)('%s: a date token with a UTC fallback', (style, shown) => {
    expect(slackTime('2025-12-03T14:05:09.500Z', style)).toBe(shown);
  });

  it('a time that does not parse is "?", never a broken token', () => {
    expect(slackTime('soon')).toBe('?');
  });
});
