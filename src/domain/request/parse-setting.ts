import { err, ok, type Result } from '../result.ts';
import { findUnprintableCharacter } from './find-unprintable-character.ts';
import type { Setting } from './maintenance-request.ts';
import { parseSettingKey, type SettingTarget } from './parse-setting-key.ts';
import { quoteToken } from './quote-token.ts';

/**
 * `<key>=<value>`, split at the first `=`. The key follows `parseSettingKey` (strict); the value is
 * data: it may be empty and may hold any printable text (`Smith & Co`, `Café Zürich`, a JDBC URL
 * with `&`), quoted in the request text where it holds spaces (see `tokenize`).
 */
export function parseSetting(token: string, target: SettingTarget): Result<Setting, string> {
  const shown = quoteToken(token);
  const eq = token.indexOf('=');
  if (eq < 0) return err(`${shown} is not <key>=<value>: missing "="`);
  if (eq === 0) return err(`${shown} is not <key>=<value>: missing the key before "="`);
  const key = parseSettingKey(token.slice(0, eq), target);
  if (!key.ok) return key;
  const value = token.slice(eq + 1);
  const unprintable = findUnprintableCharacter(value);
  if (unprintable !== undefined) return err(`the value of ${key.value} ${unprintable}`);
  return ok({ key: key.value, value });
}
