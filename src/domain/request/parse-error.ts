/** Why a request text was not understood: one line for the user (the channel shows its usage with it, `requestUsage`). */
export interface ParseError {
  readonly code: 'parse_error';
  /** One line, no trailing period needed, never contains a stack trace. */
  readonly reason: string;
}
