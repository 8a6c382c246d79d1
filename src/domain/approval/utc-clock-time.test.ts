import { describe, expect, it } from 'vitest';
import { utcClockTime } from './utc-clock-time.ts';

describe('utcClockTime', () => {
  it.each([
    ['an ISO string', '2025-01-06T10:42:05.000Z', false, '10:42'],
    ['with seconds', '2025-01-06T10:42:05.000Z', true, '10:42:05'],
    ['an offset time in UTC', '2025-01-06T12:02:09+02:00', true, '10:02:09'],
    ['a Date', new Date(Date.UTC(2025, 0, 6, 9, 5, 1)), false, '09:05'],
    ['an unreadable time', 'soon', false, '?'],
  ])('%s', (_name, at, withSeconds, expected) => {
    expect(utcClockTime(at, withSeconds)).toBe(expected);
  });
});
