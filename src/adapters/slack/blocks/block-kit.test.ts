import { describe, expect, it } from 'vitest';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { button, context, header, packLines, section } from './block-kit.ts';

const more = (n: number): string => `… and ${n} more`;

describe('packLines', () => {
  it.each([
    ['no lines', [], 3, 100, []],
    ['no blocks allowed', ['a'], 0, 100, []],
    ['lines that fit one block', ['a', 'b'], 3, 100, ['a\nb']],
    ['lines spread over blocks', ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)], 3, 100, ['a'.repeat(40) + '\n' + 'b'.repeat(40), 'c'.repeat(40)]],
    ['too many lines', ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(40)], 1, 100, ['a'.repeat(40) + '\n' + 'b'.repeat(40) + '\n… and 2 more']],
    ['a line too long for a block', ['x'.repeat(500)], 2, 100, [`${'x'.repeat(86)}…`]],
    ['blank lines only', ['', ''], 2, 100, []],
  ])('%s', (_name, lines, maxBlocks, max, expected) => {
    expect(packLines(lines, maxBlocks, more, max)).toEqual(expected);
  });

  it.each([10, 300, 5000])('packs %d long lines within the limits', (count) => {
    const texts = packLines(Array.from({ length: count }, (_, i) => `${i} ${'z'.repeat(700)}`), 4, more);
    expect(texts.length).toBeLessThanOrEqual(4);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    if (count > 10) expect(texts.at(-1)).toMatch(/… and \d+ more$/);
  });
});

describe('block constructors cut to the limits', () => {
  it('header, section, context and button', () => {
    const long = 'w'.repeat(5000);
    const blocks = [header(long), section(long), context(...Array.from({ length: 12 }, () => long)), { type: 'actions', elements: [button({ actionId: 'a', text: long, value: 'v' })] }];
    expect(validateSlackMessage({ text: 't', blocks })).toEqual([]);
  });
});
