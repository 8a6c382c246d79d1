import { describe, expect, it } from 'vitest';
import { compareReleaseNames, parseReleaseName, sameQuarter, type ReleaseName } from './release-name.ts';

function must(text: string): ReleaseName {
  const parsed = parseReleaseName(text);
  if (parsed === undefined) throw new Error(`expected ${text} to parse`);
  return parsed;
}

describe('parseReleaseName', () => {
  it.each<[string, ReleaseName]>([
    ['7.4.13-u102', { kind: 'update', update: 102, raw: '7.4.13-u102', id: '7.4.13-u102' }],
    ['7.4.13-U1', { kind: 'update', update: 1, raw: '7.4.13-U1', id: '7.4.13-u1' }],
    ['2024.q1.3', { kind: 'quarterly', year: 2024, quarter: 1, patch: 3, raw: '2024.q1.3', id: '2024.q1.3' }],
    ['2024.Q1.3', { kind: 'quarterly', year: 2024, quarter: 1, patch: 3, raw: '2024.Q1.3', id: '2024.q1.3' }],
    ['2023.q4.10', { kind: 'quarterly', year: 2023, quarter: 4, patch: 10, raw: '2023.q4.10', id: '2023.q4.10' }],
    ['2025.q1.0-lts', { kind: 'quarterly', year: 2025, quarter: 1, patch: 0, raw: '2025.q1.0-lts', id: '2025.q1.0-lts' }],
    ['2025.Q1.0-LTS', { kind: 'quarterly', year: 2025, quarter: 1, patch: 0, raw: '2025.Q1.0-LTS', id: '2025.q1.0-lts' }],
    [' 2024.q2.1 ', { kind: 'quarterly', year: 2024, quarter: 2, patch: 1, raw: '2024.q2.1', id: '2024.q2.1' }],
  ])('parses %j', (text, expected) => {
    expect(parseReleaseName(text)).toEqual(expected);
  });

  it.each([
    '',
    '7.4.13.u102',
    '7.4.13-u',
    '7.4.13-u0',
    '7.4.13-u012',
    '7.4.3-u102',
    '7.4.13-ga1',
    '7.4',
    '2024.q5.1',
    '2024.q0.1',
    '2024.q1',
    '2024.q1.01',
    '24.q1.3',
    '2024-q1-3',
    '2024.q1.3-beta',
    '2024.q1.3-lts-lts',
    '2024.q1.3;id',
  ])('refuses %j', (text) => {
    expect(parseReleaseName(text)).toBeUndefined();
  });
});

describe('compareReleaseNames', () => {
  it.each([
    ['7.4.13-u92', '7.4.13-u102', -1],
    ['7.4.13-u102', '7.4.13-u92', 1],
    ['7.4.13-u112', '2023.q3.1', -1],
    ['2023.q3.1', '7.4.13-u112', 1],
    ['2023.q4.9', '2024.q1.0', -1],
    ['2024.q1.3', '2024.q2.0', -1],
    ['2024.q1.3', '2024.q1.12', -1],
    ['2024.Q1.3', '2024.q1.3', 0],
    ['2025.q1.0-lts', '2025.q1.0', 0],
  ])('%s vs %s -> sign %i', (a, b, sign) => {
    expect(Math.sign(compareReleaseNames(must(a), must(b)))).toBe(sign);
  });
});

describe('sameQuarter', () => {
  it.each([
    ['2024.q1.1', '2024.q1.3', true],
    ['2025.q1.0-lts', '2025.q1.4', true],
    ['2024.q1.1', '2024.q2.1', false],
    ['2024.q1.1', '2025.q1.1', false],
    ['7.4.13-u100', '7.4.13-u100', false],
    ['7.4.13-u100', '2024.q1.1', false],
  ])('%s and %s -> %s', (a, b, expected) => {
    expect(sameQuarter(must(a), must(b))).toBe(expected);
  });
});
