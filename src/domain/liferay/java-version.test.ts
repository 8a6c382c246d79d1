import { describe, expect, it } from 'vitest';
import { compareJavaVersions, parseJavaVersion, sameJavaMajor, type JavaVersion } from './java-version.ts';

function must(text: string): JavaVersion {
  const parsed = parseJavaVersion(text);
  if (parsed === undefined) throw new Error(`expected ${text} to parse`);
  return parsed;
}

describe('parseJavaVersion', () => {
  it.each<[string, number, number, number, number, string, string]>([
    // text, major, minor, patch, update, normalized, raw
    ['1.8.0_292', 8, 0, 292, 0, '8.0.292', '1.8.0_292'],
    ['1.8.0_402', 8, 0, 402, 0, '8.0.402', '1.8.0_402'],
    ['1.8.0_05', 8, 0, 5, 0, '8.0.5', '1.8.0_05'],
    ['1.8.0_292-b10', 8, 0, 292, 0, '8.0.292', '1.8.0_292-b10'],
    ['1.8.0', 8, 0, 0, 0, '8.0.0', '1.8.0'],
    ['1.8', 8, 0, 0, 0, '8.0.0', '1.8'],
    ['1.7.0_80', 7, 0, 80, 0, '7.0.80', '1.7.0_80'],
    ['8', 8, 0, 0, 0, '8.0.0', '8'],
    ['8.0.292', 8, 0, 292, 0, '8.0.292', '8.0.292'],
    ['11.0.12', 11, 0, 12, 0, '11.0.12', '11.0.12'],
    ['11.0.22', 11, 0, 22, 0, '11.0.22', '11.0.22'],
    ['17.0.15+6', 17, 0, 15, 0, '17.0.15', '17.0.15+6'],
    ['17.0.15+6-LTS', 17, 0, 15, 0, '17.0.15', '17.0.15+6-LTS'],
    ['21', 21, 0, 0, 0, '21.0.0', '21'],
    ['21.0', 21, 0, 0, 0, '21.0.0', '21.0'],
    ['21.0.2', 21, 0, 2, 0, '21.0.2', '21.0.2'],
    ['11.0.20.1', 11, 0, 20, 1, '11.0.20.1', '11.0.20.1'],
    ['11.0.20.1+1', 11, 0, 20, 1, '11.0.20.1', '11.0.20.1+1'],
    ['17.0.15-LTS', 17, 0, 15, 0, '17.0.15', '17.0.15-LTS'],
    ['21-LTS', 21, 0, 0, 0, '21.0.0', '21-LTS'],
    ['22-ea', 22, 0, 0, 0, '22.0.0', '22-ea'],
    ['21-ea+35-2513', 21, 0, 0, 0, '21.0.0', '21-ea+35-2513'],
    ['  17.0.15  ', 17, 0, 15, 0, '17.0.15', '17.0.15'],
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment Temurin-17.0.15+6 (build 17.0.15+6)\n', 17, 0, 15, 0, '17.0.15', '17.0.15'],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)', 8, 0, 292, 0, '8.0.292', '1.8.0_292'],
    ['openjdk version "11.0.20.1" 2023-08-24', 11, 0, 20, 1, '11.0.20.1', '11.0.20.1'],
    ['openjdk version "21-ea" 2023-09-19', 21, 0, 0, 0, '21.0.0', '21-ea'],
    ['openjdk version "17.0.15" 2025-04-15 LTS', 17, 0, 15, 0, '17.0.15', '17.0.15'],
    ['openjdk 17.0.15 2025-04-15\nOpenJDK Runtime Environment', 17, 0, 15, 0, '17.0.15', '17.0.15'],
    ['java 21.0.2 2024-01-16 LTS', 21, 0, 2, 0, '21.0.2', '21.0.2'],
  ])('parses %j', (text, major, minor, patch, update, normalized, raw) => {
    expect(parseJavaVersion(text)).toEqual({ major, minor, patch, update, normalized, raw });
  });

  it.each([
    '',
    'java',
    '1',
    '0',
    '1.9.0',
    '17.',
    '17.0.',
    '017',
    '17.01.2',
    '17.0.15.1.2',
    '17.0.15_3',
    '1.8.0_',
    'v17',
    '17 .0',
    '17;reboot',
    '17.0.15$',
    '1234',
    'openjdk version "banana"',
    'openjdk version "17.0.15',
  ])('refuses %j', (text) => {
    expect(parseJavaVersion(text)).toBeUndefined();
  });
});

describe('compareJavaVersions', () => {
  it.each([
    ['1.8.0_292', '1.8.0_402', -1],
    ['1.8.0_402', '11.0.12', -1],
    ['11.0.20', '11.0.20.1', -1],
    ['17.0.15+6', '17.0.15-LTS', 0],
    ['1.8.0_292', '8.0.292', 0],
    ['21', '21.0.0', 0],
    ['21.0.1', '17.0.15', 1],
    ['11.0.9', '11.0.10', -1],
  ])('%s vs %s -> sign %i', (a, b, sign) => {
    expect(Math.sign(compareJavaVersions(must(a), must(b)))).toBe(sign);
  });
});

describe('sameJavaMajor', () => {
  it.each([
    ['1.8.0_292', '8', true],
    ['1.8.0_292', '1.8.0_402', true],
    ['11.0.12', '11.0.20.1', true],
    ['17.0.15', '21', false],
    ['1.8.0_402', '11.0.22', false],
  ])('%s and %s -> %s', (a, b, expected) => {
    expect(sameJavaMajor(must(a), must(b))).toBe(expected);
  });
});
