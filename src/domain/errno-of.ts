/** The string `code` a Node system error carries (`ENOENT`, `ESRCH`, `ECONNREFUSED`, ...), if it has one. */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
