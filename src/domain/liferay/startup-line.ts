/**
 * Tomcat's "started" line in catalina.out, LIFERAY.md §4:
 * `Server startup in [207,925] milliseconds` (any grouping separator) or Tomcat 8's `Server startup in 12345 ms`.
 * Returns the startup time in milliseconds, or undefined when the line is not one.
 */
export function parseStartupLine(line: string): number | undefined {
  const match = /Server startup in \[?([\d][\d,.' \u00a0\u202f]*)\]?\s*(?:milliseconds|ms)\b/.exec(line);
  if (match?.[1] === undefined) return undefined;
  const digits = match[1].replace(/[^\d]/g, '');
  return digits === '' ? undefined : Number(digits);
}
