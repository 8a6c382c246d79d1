import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { ClusterName } from './maintenance-request.ts';
import { quoteToken } from './quote-token.ts';

/** A cluster name as `ClusterName` allows it: letters, digits, `.`, `_`, `-`, at most 63. */
export function parseClusterName(token: string): Result<ClusterName, string> {
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`cluster name ${quoteToken(token)} ${unsafe}`);
  const parsed = ClusterName.safeParse(token);
  if (!parsed.success) {
    return err(`${quoteToken(token)} is not a cluster name (expected letters, digits, ".", "_" or "-", starting with a letter or digit, at most 63 characters)`);
  }
  return ok(parsed.data);
}
