/**
 * The main section of a `META-INF/MANIFEST.MF`: CRLF, LF or CR line ends; a line starting with one
 * space continues the one before (72-byte lines); the main section ends at the first empty line.
 * Header names compare case-insensitively in the JAR spec; they are kept as written. Never throws:
 * the JAR inspector reads it from bytes, the node probe from a node's output.
 */
export function parseManifest(text: string): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      // Blank lines before the first header (a probe's output) are not the end of the main section.
      if (last !== undefined || Object.keys(headers).length > 0) break;
      continue;
    }
    if (line.startsWith(' ')) {
      if (last !== undefined) headers[last] = (headers[last] ?? '') + line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // Not a header: nor is a continuation of it.
      last = undefined;
      continue;
    }
    last = line.slice(0, colon).trim();
    headers[last] = line.slice(colon + 1).replace(/^ /, '');
  }
  return headers;
}

/** A header's value by name, ignoring case, trimmed; undefined when absent or empty. */
export function manifestHeader(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key]?.trim();
  return value === '' ? undefined : value;
}
