/** Why a request text was not understood: one line for the user, plus the usage to show with it. */
export interface ParseError {
  readonly code: 'parse_error';
  /** One line, no trailing period needed, never contains a stack trace. */
  readonly reason: string;
  readonly usage: string;
}
