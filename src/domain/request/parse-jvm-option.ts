import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

/** `-Xmx8g`, `-XX:MaxMetaspaceSize=1g`, `-Dfile.encoding=UTF-8`, `--add-opens=java.base/java.lang=ALL-UNNAMED`. */
const JVM_OPTION = /^-[A-Za-z0-9:._+=,/%-]{1,300}$/;

/** One `CATALINA_OPTS` word: `-` first, then letters, digits and `: . _ + = , / % -`. */
export function parseJvmOption(token: string): Result<string, string> {
  const shown = quoteToken(token);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`JVM option ${shown} ${unsafe}`);
  if (!token.startsWith('-')) return err(`${shown} is not a JVM option: it must start with "-"`);
  if (!JVM_OPTION.test(token)) return err(`${shown} is not a JVM option (expected "-" then letters, digits or ":._+=,/%-")`);
  return ok(token);
}
