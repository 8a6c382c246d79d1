import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

/** `property` = a `portal-ext.properties` key; `config` = a key inside an OSGi `.config` file. */
export type SettingTarget = 'property' | 'config';

/** Property keys may also hold `[` `]` (`layout.static.portlets.start.column-1[user]`). */
const KEY: Readonly<Record<SettingTarget, RegExp>> = {
  property: /^[A-Za-z0-9][A-Za-z0-9._[\]-]{0,199}$/,
  config: /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/,
};

const ALLOWED: Readonly<Record<SettingTarget, string>> = {
  property: 'letters, digits, ".", "_", "-", "[" or "]"',
  config: 'letters, digits, ".", "_" or "-"',
};

/** A setting key: a letter or digit first, then the target's characters, at most 200. */
export function parseSettingKey(token: string, target: SettingTarget): Result<string, string> {
  const shown = quoteToken(token);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`${target} key ${shown} ${unsafe}`);
  if (!KEY[target].test(token)) return err(`${shown} is not a ${target} key (expected ${ALLOWED[target]}, starting with a letter or digit)`);
  return ok(token);
}
