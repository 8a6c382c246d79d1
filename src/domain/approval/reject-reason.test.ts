import { describe, expect, it } from 'vitest';
import { REJECT_REASON_MAX, RejectReason } from './reject-reason.ts';

describe('RejectReason', () => {
  it.each([
    ['a reason', 'not during business hours', 'not during business hours'],
    ['surrounding spaces', '  wait for the release  \n', 'wait for the release'],
    ['the longest allowed', 'x'.repeat(REJECT_REASON_MAX), 'x'.repeat(REJECT_REASON_MAX)],
  ])('accepts %s', (_name, input, output) => {
    expect(RejectReason.parse(input)).toBe(output);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['too long', 'x'.repeat(REJECT_REASON_MAX + 1)],
    ['not a string', 42],
  ])('refuses %s', (_name, input) => {
    expect(RejectReason.safeParse(input).success).toBe(false);
  });
});
