import { err, ok, type Result } from '../result.ts';

/** Longer than any sensible request (Slack caps slash-command text well above this anyway). */
export const MAX_REQUEST_LENGTH = 2000;

/** Each opening quote and the one quote that closes it: straight, and the typographic pairs phones and macOS type. */
export const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\u201C': '\u201D', '\u2018': '\u2019' };

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isInvisible = (ch: string): boolean => /[\p{Cc}\p{Cf}\p{Cs}]/u.test(ch);

interface OpenQuote {
  readonly closer: string;
  /** 1-based character position of the opening quote, for the error message. */
  readonly at: number;
  readonly rest: string;
}

/**
 * Split request text into words on whitespace. Every Unicode space counts as a separator, so the
 * non-breaking spaces Slack sends (U+00A0) and tabs/newlines do too. Any other control or invisible
 * formatting character (U+0000-U+001F, U+007F-U+009F, zero-width and bidi marks, ...) is refused,
 * naming its code point.
 *
 * Quoting: `"…"`, `'…'`, `“…”` or `‘…’` open at the start of a word or right after an `=`
 * (`'portal.name=My Portal'`, `portal.name="My Portal"`, `-Dfoo="a b"`); anywhere else a quote is an
 * ordinary character (`O’Brien`). A quote is closed by its own closer where that ends the word (a
 * space or the end of the text follows); a closer inside a word is data, so `‘O’Brien’` is `O’Brien`.
 * Inside quotes every space is data (any Unicode space becomes U+0020, what was typed), the other
 * quote kinds are data, and a backslash escapes the quote's own closer or a backslash (`"a \"b\""`
 * is `a "b"`, `"C:\\"` is `C:\`); any other backslash is itself. Tabs and line breaks inside quotes
 * are refused like other control characters. An unclosed quote is an error naming where it opened.
 */
export function tokenize(text: string): Result<readonly string[], string> {
  if (text.length > MAX_REQUEST_LENGTH) return err(`request is too long (${text.length} characters, at most ${MAX_REQUEST_LENGTH})`);
  const chars = Array.from(text);
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let previous = '';
  let quote: OpenQuote | undefined;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    if (quote !== undefined) {
      if (ch === '\\' && (next === quote.closer || next === '\\')) {
        word += next;
        i++;
      } else if (ch === quote.closer && (next === undefined || isSpace(next))) {
        quote = undefined;
      } else if (isInvisible(ch) || /[\p{Zl}\p{Zp}]/u.test(ch)) {
        return err(`control or invisible character ${codePoint(ch)} is not allowed, not even in quotes`);
      } else {
        word += isSpace(ch) ? ' ' : ch;
      }
    } else if (isSpace(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      previous = '';
    } else if (isInvisible(ch)) {
      return err(`control or invisible character ${codePoint(ch)} is not allowed`);
    } else if (Object.hasOwn(QUOTE_PAIRS, ch) && (!inWord || previous === '=')) {
      quote = { closer: QUOTE_PAIRS[ch] ?? ch, at: i + 1, rest: chars.slice(i).join('') };
      inWord = true;
    } else {
      word += ch;
      inWord = true;
      previous = ch;
    }
  }
  if (quote !== undefined) {
    const shown = Array.from(quote.rest);
    const start = `${shown.slice(0, 30).join('')}${shown.length > 30 ? '…' : ''}`;
    return err(`unclosed quote at character ${quote.at}: ${start} has no closing ${quote.closer} (a closing quote ends its word)`);
  }
  if (inWord) words.push(word);
  return ok(words);
}
