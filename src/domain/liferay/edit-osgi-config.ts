import type { Setting } from '../request/maintenance-request.ts';

/** A string value in Configuration Admin's `.config` format: `"..."` with `"` `\` escaped, non-ASCII as \uXXXX. */
function configString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code > 0x7e || code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

function keyOf(line: string): string | undefined {
  const trimmed = line.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  return /^([^=\s]+)\s*=/.exec(trimmed)?.[1];
}

/**
 * Set keys in an `osgi/configs/<pid>.config` file, keeping other keys, comments and order. Values
 * are written as strings (Liferay converts them to the configuration field's type). Idempotent.
 */
export function setOsgiConfigValues(text: string, settings: readonly Setting[]): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const wanted = new Map(settings.map((s) => [s.key, `${s.key}=${configString(s.value)}`]));
  const placed = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const key = keyOf(line);
    const replacement = key === undefined ? undefined : wanted.get(key);
    if (key === undefined || replacement === undefined) out.push(line);
    else if (!placed.has(key)) {
      out.push(replacement);
      placed.add(key);
    }
  }
  for (const [key, line] of wanted) if (!placed.has(key)) out.push(line);
  return `${out.join('\n')}\n`;
}
