/** The characters a POSIX shell treats specially and that no value of ours needs. */
export const SHELL_METACHARACTERS: ReadonlySet<string> = new Set(['`', '$', ';', '|', '&', '<', '>', '\\', "'", '"']);

/** What Slack and phones turn straight quotes into. */
const TYPOGRAPHIC_QUOTES: ReadonlySet<string> = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2039', '\u203A']);

/**
 * The first character of `token` no value may hold, described for an error message
 * (`contains a shell metacharacter ("$")`), or `undefined` when every character is printable
 * ASCII (U+0021-U+007E) outside `` ` $ ; | & < > \ ' " ``.
 */
export function findUnsafeCharacter(token: string): string | undefined {
  for (const ch of token) {
    if (SHELL_METACHARACTERS.has(ch)) return `contains a shell metacharacter ("${ch}")`;
    if (TYPOGRAPHIC_QUOTES.has(ch)) return `contains a typographic quote ("${ch}")`;
    if (ch === ' ') return 'contains a space, which only values may hold';
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x21 || code > 0x7e) {
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `"${ch}" (${hex})` : hex;
      return `contains ${shown}, which is not printable ASCII`;
    }
  }
  return undefined;
}
