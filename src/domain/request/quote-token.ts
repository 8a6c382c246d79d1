const MAX_SHOWN = 40;

/**
 * A user's token for an error message: in double quotes, cut to 40 characters, with anything
 * invisible or line-breaking (controls, format characters, lone surrogates, separators other than
 * the plain space a quoted word may hold) shown as
 * `\u{...}` so the message stays one readable line.
 */
export function quoteToken(token: string): string {
  const chars = Array.from(token);
  const shown = chars.slice(0, MAX_SHOWN).map((ch) => (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch) ? `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}` : ch));
  return `"${shown.join('')}${chars.length > MAX_SHOWN ? '…' : ''}"`;
}
