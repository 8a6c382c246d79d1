import { QUOTE_PAIRS } from './tokenize.ts';

const opensQuote = (ch: string | undefined): boolean => ch !== undefined && Object.hasOwn(QUOTE_PAIRS, ch);

/** Would `tokenize` read `word` back as this one word, as it stands? */
function standsAlone(word: string): boolean {
  if (word === '' || /\s/u.test(word) || opensQuote(Array.from(word)[0])) return false;
  return !Array.from(word).some((ch, i, chars) => chars[i - 1] === '=' && opensQuote(ch));
}

/** `"…"` with `"` as `\"`, and a backslash doubled where it would otherwise escape (before `"`, `\` or the closing quote). */
function doubleQuoted(text: string): string {
  const chars = Array.from(text);
  const body = chars.map((ch, i) => {
    if (ch === '"') return '\\"';
    const next = chars[i + 1];
    return ch === '\\' && (next === undefined || next === '"' || next === '\\') ? '\\\\' : ch;
  });
  return `"${body.join('')}"`;
}

/**
 * One word of request text as the grammar reads it back (`tokenize`): as it is when it can stand
 * alone, else quoted, only its value where it is `<key>=<value>` with a plain key
 * (`portal.name="My Portal"`, `-Dfoo="a b"`), the whole word otherwise. For words the parser
 * accepts: whitespace other than U+0020 and control characters cannot be quoted (the tokenizer
 * never gives them).
 */
export function quoteWord(word: string): string {
  if (standsAlone(word)) return word;
  const eq = word.indexOf('=');
  const key = eq > 0 ? word.slice(0, eq) : '';
  return key !== '' && standsAlone(key) ? `${key}=${doubleQuoted(word.slice(eq + 1))}` : doubleQuoted(word);
}
