import type { Setting } from '../request/maintenance-request.ts';

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\b': 'b', '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r' };

/**
 * A string value in the `.config` format Liferay reads through Felix's `ConfigurationHandler`
 * (`key="value"`; `I"5"`, `B"true"`, `["a","b"]` for other types). Its reader ends a string at an
 * unescaped `"`, `=` or space (and then silently drops the rest), and unescapes `\x` to `x`,
 * `\b \t \n \f \r`, and `\uXXXX` to one UTF-16 unit. So `"`, `\`, `=` and the space are written
 * with a backslash, control characters as their escapes, and everything beyond ASCII as
 * `\uXXXX` (a surrogate pair beyond U+FFFF), which reads the same whatever the file's encoding.
 */
function configString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const named = NAMED_ESCAPES[ch];
    if (ch === '"' || ch === '\\' || ch === '=' || ch === ' ') out += `\\${ch}`;
    else if (named !== undefined) out += `\\${named}`;
    else if (code > 0x7e || code < 0x20) {
      const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
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

const UNESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };

/** A `.config` value as Felix reads it: a (typed) string `"…"` / `I"5"` unescaped; arrays and collections as written. */
function configValue(raw: string): string {
  const scalar = /^[TILFDXSCBtilfdxscb]?"((?:\\.|[^"\\])*)"/.exec(raw);
  if (scalar === null) return raw;
  return (scalar[1] ?? '').replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (UNESCAPES[ch ?? ''] ?? ch ?? ''),
  );
}

/** Does an array or collection value that starts on this line end on it (its closing bracket outside a string)? */
function closes(raw: string, open: string): boolean {
  const close = open === '[' ? ']' : ')';
  const outside = raw.replace(/"(?:\\.|[^"\\])*"/g, '');
  return outside.includes(close);
}

/**
 * The values of an `osgi/configs/<pid>.config` file (the last occurrence of a key wins): strings
 * and typed scalars (`I"5"`, `B"true"`) as their unescaped text, arrays and collections
 * (`["a","b"]`, over several lines too) as written. For the verdict's diff.
 */
export function readOsgiConfigValues(text: string): ReadonlyMap<string, string> {
  const lines = text.split('\n');
  const values = new Map<string, string>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const key = keyOf(line);
    if (key === undefined) continue;
    let raw = line.slice(line.indexOf('=') + 1).trim();
    const open = raw.startsWith('[') || raw.startsWith('(') ? raw.charAt(0) : undefined;
    while (open !== undefined && !closes(raw, open) && i + 1 < lines.length) {
      i += 1;
      raw = `${raw}\n${(lines[i] ?? '').trim()}`;
    }
    values.set(key, configValue(raw));
  }
  return values;
}
