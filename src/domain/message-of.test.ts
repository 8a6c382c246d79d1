import { describe, expect, it } from 'vitest';
import { CodedError } from './coded-error.ts';
import { errnoOf } from './errno-of.ts';
import { messageOf } from './message-of.ts';

describe('messageOf', () => {
  it.each([
    { what: 'an Error', thrown: new Error('disk full'), expected: 'disk full' },
    { what: 'a CodedError', thrown: new CodedError('store_unavailable', 'cannot open'), expected: 'cannot open' },
    { what: 'a string', thrown: 'plain', expected: 'plain' },
    { what: 'a number', thrown: 42, expected: '42' },
    { what: 'null', thrown: null, expected: 'null' },
  ])('reads $what', ({ thrown, expected }) => {
    expect(messageOf(thrown)).toBe(expected);
  });
});

describe('errnoOf', () => {
  it.each([
    { what: 'a system error', thrown: Object.assign(new Error('no such file'), { code: 'ENOENT' }), expected: 'ENOENT' },
    { what: 'a CodedError (its code is ours, still a string)', thrown: new CodedError('aborted', 'x'), expected: 'aborted' },
    { what: 'a numeric code', thrown: Object.assign(new Error('x'), { code: 1 }), expected: undefined },
    { what: 'an Error without a code', thrown: new Error('x'), expected: undefined },
    { what: 'a string', thrown: 'ENOENT', expected: undefined },
    { what: 'undefined', thrown: undefined, expected: undefined },
  ])('reads $what', ({ thrown, expected }) => {
    expect(errnoOf(thrown)).toBe(expected);
  });
});
