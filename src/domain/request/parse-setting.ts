import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import type { Setting } from './maintenance-request.ts';
import { parseSettingKey, type SettingTarget } from './parse-setting-key.ts';
import { quoteToken } from './quote-token.ts';

/**
 * `<key>=<value>`, split at the first `=`. The key follows `parseSettingKey`; the value may be
 * empty and may hold any printable ASCII except spaces and shell metacharacters, so URLs and
 * lists (`/ : , = * ..`) are fine.
 */
export function parseSetting(token: string, target: SettingTarget): Result<Setting, string> {
  const shown = quoteToken(token);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`${shown} ${unsafe}`);
  const eq = token.indexOf('=');
  if (eq < 0) return err(`${shown} is not <key>=<value>: missing "="`);
  if (eq === 0) return err(`${shown} is not <key>=<value>: missing the key before "="`);
  const key = parseSettingKey(token.slice(0, eq), target);
  if (!key.ok) return key;
  return ok({ key: key.value, value: token.slice(eq + 1) });
}
