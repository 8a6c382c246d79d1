import { describe, expect, it } from 'vitest';
import { approvalExpired } from './approval-expired.ts';

const requestedAt = '2026-01-01T10:00:00.000Z';
const limit = Date.parse(requestedAt) + 60 * 60_000;

describe('approvalExpired (60 min)', () => {
  it.each([
    ['just after the request', Date.parse(requestedAt), false],
    ['limit - 1 ms', limit - 1, false],
    ['at the limit', limit, true],
    ['limit + 1 ms', limit + 1, true],
  ])('%s -> %s', (_name, at, expected) => {
    expect(approvalExpired(requestedAt, 60, new Date(at))).toBe(expected);
  });

  it('counts a requestedAt that does not parse as expired', () => {
    expect(approvalExpired('not a date', 60, new Date(limit - 30 * 60_000))).toBe(true);
  });
});
