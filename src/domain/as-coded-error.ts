import { CodedError } from './coded-error.ts';
import { messageOf } from './message-of.ts';

/**
 * Anything thrown, as a CodedError: a CodedError as it is, anything else as code `unexpected`
 * with its message (the original value kept as `cause`), so a caller can always read `code`.
 */
export function asCodedError(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  const coded = new CodedError('unexpected', messageOf(error));
  coded.cause = error;
  return coded;
}
