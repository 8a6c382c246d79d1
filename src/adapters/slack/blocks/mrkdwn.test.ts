import { describe, expect, it } from 'vitest';
import { code, codeBlock, codeBlockTail, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';

describe('mrkdwn helpers', () => {
  it.each([
    ['escapeMrkdwn', escapeMrkdwn('<!channel> & <@U1>'), '&lt;!channel&gt; &amp; &lt;@U1&gt;'],
    ['mention of a user id', mention('U012AB3CD'), '<@U012AB3CD>'],
    ['mention of something else', mention('<!here>'), '&lt;!here&gt;'],
    ['code', code('a`b\nc <d>'), "`a'b c &lt;d&gt;`"],
    ['code cut', code('x'.repeat(20), 10), `\`${'x'.repeat(9)}…\``],
    ['codeBlockTail of nothing', codeBlockTail('  \n', 100), '```\n(no output)\n```'],
    ['codeBlockTail neutralises fences', codeBlockTail('a```b', 100), "```\na'''b\n```"],
    ['codeBlock keeps the start', codeBlock(Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join('\n'), 50), '```\nline 1\nline 2\nline 3\n… and 5 more lines\n```'],
    ['shortHash', shortHash('0123456789abcdef'), '0123456789ab'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('keeps a code block within its limit and keeps the end', () => {
    const tail = Array.from({ length: 5000 }, (_, i) => `out ${i} <x>`).join('\n');
    const block = codeBlockTail(tail, 3000);
    expect(block.length).toBeLessThanOrEqual(3000);
    expect(block.startsWith('```\n… ')).toBe(true);
    expect(block.endsWith('out 4999 &lt;x&gt;\n```')).toBe(true);
  });
});
