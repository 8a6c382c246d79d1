import { describe, expect, it } from 'vitest';
import { elapsedMs, formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [Number.NaN, '0s'],
    [400, '<1s'],
    [45_000, '45s'],
    [60_000, '1m'],
    [252_000, '4m 12s'],
    [3_600_000, '1h'],
    [3_780_000, '1h 3m'],
    [90_061_000, '25h 1m'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('elapsedMs', () => {
  it.each([
    ['two times', '2025-01-06T10:40:00Z', '2025-01-06T10:44:12Z', 252_000],
    ['no end', '2025-01-06T10:40:00Z', undefined, undefined],
    ['no start', undefined, '2025-01-06T10:40:00Z', undefined],
    ['an unreadable time', 'later', '2025-01-06T10:40:00Z', undefined],
    ['an end before the start', '2025-01-06T10:40:00Z', '2025-01-06T10:39:00Z', undefined],
  ])('%s', (_name, from, to, ms) => {
    expect(elapsedMs(from, to)).toBe(ms);
  });
});
