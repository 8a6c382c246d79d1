/**
 * The main section of a JAR manifest (`META-INF/MANIFEST.MF`) as header name -> value: lines end
 * in CRLF, LF or CR; a line starting with one space continues the previous one (the 72-byte
 * wrap); the main section ends at the first empty line. Names are kept as written. Never throws.
 */
export function manifestHeaders(text: string): ReadonlyMap<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (headers.size > 0) break;
      continue;
    }
    if (line.startsWith(' ')) {
      if (last !== undefined) headers.set(last, `${headers.get(last) ?? ''}${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon <= 0) {
      last = undefined;
      continue;
    }
    last = line.slice(0, colon);
    headers.set(last, line.slice(colon + 2));
  }
  return headers;
}
