/**
 * The first character a value (a property or config value, a JVM option's value) may not hold,
 * described for an error message, or `undefined`. Values are data and may hold any printable text
 * (spaces, quotes, `& ; | $ < > \``, backslashes, non-ASCII letters); only control and invisible
 * characters are refused, and whitespace other than a plain space (U+0020), which request text
 * cannot carry inside a value.
 */
export function findUnprintableCharacter(value: string): string | undefined {
  for (const ch of value) {
    if (ch === ' ') continue;
    if (/[\p{C}\s]/u.test(ch)) return `contains U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which is not printable`;
  }
  return undefined;
}
