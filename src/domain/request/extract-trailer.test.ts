import { describe, expect, it } from 'vitest';
import { extractTrailer, type Trailer } from './extract-trailer.ts';

const split = (text: string): string[] => text.split(' ').filter((w) => w !== '');

describe('extractTrailer', () => {
  it.each<[string, boolean, Trailer]>([
    ['x.jar', false, { words: ['x.jar'], dryRun: false }],
    ['x.jar on prod', false, { words: ['x.jar'], cluster: 'prod', dryRun: false }],
    ['on prod x.jar', false, { words: ['x.jar'], cluster: 'prod', dryRun: false }],
    ['x.jar --schema none on prod', false, { words: ['x.jar'], cluster: 'prod', schema: 'none', dryRun: false }],
    ['x.jar on prod --schema=Compatible --dry-run', false, { words: ['x.jar'], cluster: 'prod', schema: 'compatible', dryRun: true }],
    ['a=1 --DRY-RUN b=2 ON prod c=3', false, { words: ['a=1', 'b=2', 'c=3'], cluster: 'prod', dryRun: true }],
    ['-Xmx8g --add-opens=a/b=c on prod --schema breaking', true, { words: ['-Xmx8g', '--add-opens=a/b=c'], cluster: 'prod', schema: 'breaking', dryRun: false }],
  ])('%j (dash words are values: %s)', (text, dashWordsAreValues, trailer) => {
    expect(extractTrailer(split(text), { dashWordsAreValues })).toEqual({ ok: true, value: trailer });
  });

  it.each([
    ['x on', 'missing cluster after "on"'],
    ['on a on b', '"on <cluster>" given twice ("on a" and "on b")'],
    ['on a/b', '"a/b" is not a cluster name'],
    ['--dry-run --dry-run', 'flag --dry-run given twice'],
    ['--dry-run=1', '--dry-run takes no value'],
    ['--schema', 'missing value after --schema'],
    ['--schema=', 'missing value after --schema'],
    ['--schema=yes', 'unknown --schema value "yes" (expected none, compatible or breaking)'],
    ['--schema none --schema none', 'flag --schema given twice'],
    ['--force', 'unknown flag --force'],
    ['-Xmx8g', 'unknown flag -Xmx8g'],
    [`--${'x'.repeat(50)}`, 'unknown flag "--xxx'],
  ])('refuses %j: %s', (text, fragment) => {
    const result = extractTrailer(split(text), { dashWordsAreValues: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
