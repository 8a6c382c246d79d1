import type { Setting } from '../request/maintenance-request.ts';

interface Entry {
  readonly key: string | undefined;
  /** Indexes of the physical lines (a value may continue over lines ending in `\`). */
  readonly lines: readonly number[];
}

function keyOf(line: string): string | undefined {
  const trimmed = line.trimStart();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) return undefined;
  const match = /^((?:\\.|[^=:\s\\])+)/.exec(trimmed);
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

function endsWithContinuation(line: string): boolean {
  const backslashes = /\\*$/.exec(line)?.[0].length ?? 0;
  return backslashes % 2 === 1;
}

function entries(lines: readonly string[]): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const first = i;
    const key = keyOf(lines[i] ?? '');
    const group = [i];
    if (key !== undefined) {
      while (endsWithContinuation(lines[i] ?? '') && i + 1 < lines.length) {
        i += 1;
        group.push(i);
      }
    }
    out.push({ key, lines: group.length > 0 ? group : [first] });
  }
  return out;
}

/** Escape for a .properties value: non-ASCII as \uXXXX (the file is read as ISO-8859-1), a leading space kept. */
function escapeValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (code > 0x7e || code < 0x20) {
      const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return out.startsWith(' ') ? `\\${out}` : out;
}

const NAMED: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** java.util.Properties' unescaping, in one pass: `\uXXXX`, `\t \n \r \f`, and `\x` for any other x. */
function unescapeValue(raw: string): string {
  return raw.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (NAMED[ch ?? ''] ?? ch ?? ''),
  );
}

function split(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const join = (lines: readonly string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/**
 * Set keys in portal-ext.properties text, keeping every other line (comments, order, other keys)
 * as it was. An existing key is replaced where it first stands; later duplicates (which would win
 * in java.util.Properties) are removed. New keys are appended. Idempotent.
 */
export function setPortalProperties(text: string, settings: readonly Setting[]): string {
  const lines = split(text);
  const wanted = new Map(settings.map((s) => [s.key, `${s.key}=${escapeValue(s.value)}`]));
  const placed = new Set<string>();
  const out: string[] = [];
  for (const entry of entries(lines)) {
    const replacement = entry.key === undefined ? undefined : wanted.get(entry.key);
    if (entry.key === undefined || replacement === undefined) {
      out.push(...entry.lines.map((i) => lines[i] ?? ''));
    } else if (!placed.has(entry.key)) {
      out.push(replacement);
      placed.add(entry.key);
    }
  }
  for (const [key, line] of wanted) if (!placed.has(key)) out.push(line);
  return join(out);
}

/** Remove every occurrence of the keys (with continuation lines); everything else is kept. */
export function unsetPortalProperties(text: string, keys: readonly string[]): string {
  const lines = split(text);
  const drop = new Set(keys);
  const out = entries(lines).flatMap((entry) => (entry.key !== undefined && drop.has(entry.key) ? [] : entry.lines.map((i) => lines[i] ?? '')));
  return join(out);
}

/** The current values of keys (last occurrence wins, like java.util.Properties); for post-checks. */
export function readPortalProperties(text: string): ReadonlyMap<string, string> {
  const lines = split(text);
  const values = new Map<string, string>();
  for (const entry of entries(lines)) {
    if (entry.key === undefined) continue;
    const raw = entry.lines.map((i) => lines[i] ?? '').map((l, n) => (n === 0 ? l.trimStart() : l.trim()));
    const joined = raw.map((l, n) => (n < raw.length - 1 ? l.slice(0, -1) : l)).join('');
    const rest = joined.slice(/^((?:\\.|[^=:\s\\])+)/.exec(joined)?.[0].length ?? 0).replace(/^\s*[=:]?\s*/, '');
    values.set(entry.key, unescapeValue(rest));
  }
  return values;
}
