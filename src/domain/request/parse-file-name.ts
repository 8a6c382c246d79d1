import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

/** Which artifact a file name is for, and so which extensions it may have. */
export type ArtifactKind = 'module' | 'plugin';

const EXTENSIONS: Readonly<Record<ArtifactKind, readonly string[]>> = {
  module: ['jar', 'lpkg'],
  plugin: ['war'],
};

/** Letters, digits, `.`, `_`, `+`, `-`; a letter or digit first; at most 255 characters. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;

/**
 * A bare file name from the artifact folder: no path separators, no `..`, no shell
 * metacharacters, printable ASCII only, and a lower-case `.jar`/`.lpkg` (module) or `.war`
 * (plugin) extension.
 */
export function parseFileName(token: string, kind: ArtifactKind): Result<string, string> {
  const shown = quoteToken(token);
  if (/[/\\]/.test(token) || token.includes('..')) return err(`${shown} is not a file name: path separators and ".." are not allowed`);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`${shown} ${unsafe}`);
  if (!FILE_NAME.test(token)) {
    return err(`${shown} is not a file name (expected letters, digits, ".", "_", "+" or "-", starting with a letter or digit)`);
  }
  const extensions = EXTENSIONS[kind];
  if (!extensions.some((e) => token.endsWith(`.${e}`))) {
    return err(`${shown} is not a ${kind} file: expected a ${extensions.map((e) => `.${e}`).join(' or ')} file name`);
  }
  return ok(token);
}
