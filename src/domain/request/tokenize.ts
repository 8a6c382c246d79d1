import { err, ok, type Result } from '../result.ts';

/** Longer than any sensible request (Slack caps slash-command text well above this anyway). */
export const MAX_REQUEST_LENGTH = 2000;

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Split request text into words on whitespace. Every Unicode space counts as a separator, so the
 * non-breaking spaces Slack sends (U+00A0) and tabs/newlines do too. Any other control or invisible
 * formatting character (U+0000-U+001F, U+007F-U+009F, zero-width and bidi marks, ...) is refused,
 * naming its code point. No quoting: a word never contains a space.
 */
export function tokenize(text: string): Result<readonly string[], string> {
  if (text.length > MAX_REQUEST_LENGTH) return err(`request is too long (${text.length} characters, at most ${MAX_REQUEST_LENGTH})`);
  const words: string[] = [];
  let word = '';
  for (const ch of text) {
    if (/\s/u.test(ch)) {
      if (word !== '') words.push(word);
      word = '';
    } else if (/[\p{Cc}\p{Cf}\p{Cs}]/u.test(ch)) {
      return err(`control or invisible character ${codePoint(ch)} is not allowed`);
    } else {
      word += ch;
    }
  }
  if (word !== '') words.push(word);
  return ok(words);
}
