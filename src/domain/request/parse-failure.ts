import type { ParseError } from './parse-error.ts';
import { err } from '../result.ts';

/** A failed parse: the one-line reason (newlines flattened, to be sure); the channel adds its usage. */
export function parseFailure(reason: string): { readonly ok: false; readonly error: ParseError } {
  return err({ code: 'parse_error', reason: reason.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ') });
}
