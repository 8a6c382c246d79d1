import { describe, expect, it } from 'vitest';
import { asCodedError } from './as-coded-error.ts';
import { CodedError } from './coded-error.ts';

describe('asCodedError', () => {
  it('keeps a CodedError as it is', () => {
    const coded = new CodedError('step_timeout', 'node1: too slow', { node: 'node1' });
    expect(asCodedError(coded)).toBe(coded);
  });

  it.each([
    { what: 'an Error', thrown: new TypeError('boom'), message: 'boom' },
    { what: 'a string', thrown: 'just text', message: 'just text' },
    { what: 'undefined', thrown: undefined, message: 'undefined' },
    { what: 'an object', thrown: { code: 'ENOENT' }, message: '[object Object]' },
  ])('wraps $what as code unexpected with its message, the original as cause', ({ thrown, message }) => {
    const coded = asCodedError(thrown);
    expect(coded).toBeInstanceOf(CodedError);
    expect(coded).toMatchObject({ code: 'unexpected', message, details: {} });
    expect(coded.cause).toBe(thrown);
  });
});
