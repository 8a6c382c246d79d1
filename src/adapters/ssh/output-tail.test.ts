import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail.ts';

describe('OutputTail', () => {
  it.each([
    { what: 'everything when it fits', max: 10, chunks: ['abc', 'def'], text: 'abcdef', dropped: 0 },
    { what: 'the tail across chunks', max: 5, chunks: ['abc', 'def', 'gh'], text: 'defgh', dropped: 3 },
    { what: 'the tail of one big chunk', max: 4, chunks: ['0123456789'], text: '6789', dropped: 6 },
    { what: 'part of the first chunk', max: 4, chunks: ['abc', 'de'], text: 'bcde', dropped: 1 },
    { what: 'nothing for no chunks', max: 4, chunks: [], text: '', dropped: 0 },
  ])('keeps $what', ({ max, chunks, text, dropped }) => {
    const tail = new OutputTail(max);
    for (const chunk of chunks) tail.push(Buffer.from(chunk));
    expect(tail.text()).toBe(text);
    expect(tail.droppedBytes).toBe(dropped);
  });

  it('gives the last characters for error details', () => {
    const tail = new OutputTail(100);
    tail.push(Buffer.from('first line\nlast line\n'));
    expect(tail.lastChars(10)).toBe('last line\n');
  });
});
