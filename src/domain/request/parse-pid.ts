import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

/** OSGi PID: letters, digits, `.`, `_`, `-`; one optional `~name` for a factory configuration. */
const PID = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:~[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
const MAX_PID_LENGTH = 200;

/**
 * A configuration PID as it names `osgi/configs/<pid>.config` (`com.liferay.foo.Bar`,
 * `com.liferay.foo.Bar~default`). No path separators, no `..`, no `.config` suffix.
 */
export function parsePid(token: string): Result<string, string> {
  const shown = quoteToken(token);
  if (/[/\\]/.test(token) || token.includes('..')) return err(`${shown} is not a PID: path separators and ".." are not allowed`);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`${shown} ${unsafe}`);
  if (/\.(?:config|cfg)$/i.test(token)) return err(`${shown} is not a PID: give the PID without the file extension`);
  if (token.length > MAX_PID_LENGTH || !PID.test(token)) {
    return err(`${shown} is not a PID (expected letters, digits, ".", "_" or "-", and one "~" for a factory configuration, e.g. com.liferay.foo.Bar~default)`);
  }
  return ok(token);
}
