/**
 * Bugs and broken infrastructure throw; the error carries a string `code` so callers can branch
 * without parsing messages (as bolt-js's CodedError does).
 */
export class CodedError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.details = details;
  }
}
