import type { ErrorCode } from './error-code.ts';

/**
 * Bugs and broken infrastructure throw; the error carries an `ErrorCode` so callers can branch
 * without parsing messages (as bolt-js's CodedError does).
 */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.details = details;
  }
}
