import { err, ok, type Result } from '../result.ts';
import { findUnprintableCharacter } from './find-unprintable-character.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

/** The option's name, up to its first `=`: `-Xmx8g`, `-XX:MaxMetaspaceSize`, `-Dfile.encoding`, `--add-opens`, `-Xlog:gc:file`. */
const JVM_OPTION_NAME = /^-[A-Za-z0-9:._+,/%-]{1,300}$/;
const MAX_VALUE_LENGTH = 1000;

/**
 * One `CATALINA_OPTS` word. Its name (all of it, or the part before the first `=`) is strict: `-`
 * first, then letters, digits and `: . _ + , / % -`. What follows the `=` is data, any printable
 * text (`-Dfoo=a b`, `-XX:OnOutOfMemoryError=kill -9 %p`); the setenv.sh editor quotes it for the shell.
 */
export function parseJvmOption(token: string): Result<string, string> {
  const shown = quoteToken(token);
  if (!token.startsWith('-')) return err(`${shown} is not a JVM option: it must start with "-"`);
  const eq = token.indexOf('=');
  const name = eq === -1 ? token : token.slice(0, eq);
  const unsafe = findUnsafeCharacter(name);
  if (unsafe !== undefined) return err(`JVM option ${shown}: its name ${quoteToken(name)} ${unsafe}`);
  if (!JVM_OPTION_NAME.test(name)) return err(`${shown} is not a JVM option (expected "-" then letters, digits or ":._+,/%-", then "=" and a value if it takes one)`);
  if (eq === -1) return ok(token);
  const value = token.slice(eq + 1);
  const unprintable = findUnprintableCharacter(value);
  if (unprintable !== undefined) return err(`the value of JVM option ${quoteToken(name)} ${unprintable}`);
  if (value.length > MAX_VALUE_LENGTH) return err(`the value of JVM option ${quoteToken(name)} is too long (at most ${MAX_VALUE_LENGTH} characters)`);
  return ok(token);
}
