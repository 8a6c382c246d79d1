import { maskedFileText } from './masked-file-text.ts';
import { err, ok, type Result } from '../result.ts';

/** What identifies a JVM option regardless of its value: `-Xmx`, `-XX:MaxMetaspaceSize`, `-XX:UseG1GC`, `-Dfile.encoding`. */
export function jvmOptionKey(option: string): string {
  const xx = /^-XX:[+-]?([A-Za-z0-9_]+)/.exec(option);
  if (xx !== null) return `-XX:${xx[1]}`;
  const sized = /^(-X(?:mx|ms|ss|mn))/.exec(option);
  if (sized?.[1] !== undefined) return sized[1];
  const eq = option.indexOf('=');
  return eq === -1 ? option : option.slice(0, eq);
}

/** A `CATALINA_OPTS="…"` (or `'…'`) assignment line, split into its parts; `body` is the text between the quotes as written. */
interface OptsLine {
  readonly head: string;
  readonly quote: '"' | "'";
  readonly body: string;
  readonly tail: string;
}

function optsLine(line: string): OptsLine | undefined {
  const start = /^(\s*(?:export\s+)?CATALINA_OPTS=)(["'])/.exec(line);
  if (start === null) return undefined;
  const head = start[1] ?? '';
  const quote = start[2] === "'" ? "'" : '"';
  let i = start[0].length;
  while (i < line.length && line[i] !== quote) i += quote === '"' && line[i] === '\\' ? 2 : 1;
  if (i >= line.length) return undefined;
  const tail = line.slice(i + 1);
  return /^\s*(?:#.*)?$/.test(tail) ? { head, quote, body: line.slice(start[0].length, i), tail } : undefined;
}

/** One character of CATALINA_OPTS after setenv.sh is sourced, where it came from in the line, and whether it is an expansion. */
interface Sourced {
  readonly ch: string;
  readonly from: number;
  readonly to: number;
  /** An unescaped `$` or backtick: setenv.sh expands it (`$CATALINA_OPTS`), so what follows is not fixed text. */
  readonly expands: boolean;
}

/** Inside setenv.sh's double quotes a backslash escapes only these. */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\']);

function sourced(body: string, quote: '"' | "'"): Sourced[] {
  const out: Sourced[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    const next = body[i + 1];
    if (quote === '"' && ch === '\\' && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
      out.push({ ch: next, from: i, to: i + 2, expands: false });
      i++;
    } else out.push({ ch, from: i, to: i + 1, expands: quote === '"' && (ch === '$' || ch === '`') });
  }
  return out;
}

/** One word catalina.sh's `eval` makes of CATALINA_OPTS: its text in the line, and what the JVM gets, when that is fixed text. */
interface OptsWord {
  readonly raw: string;
  readonly value: string | undefined;
}

/**
 * The words of a CATALINA_OPTS body as the JVM gets them. catalina.sh runs
 * `eval exec "\"$_RUNJAVA\"" … "$JAVA_OPTS" "$CATALINA_OPTS" …`: the value setenv.sh leaves is parsed
 * by the shell once more, so spaces split words and `'…'`, `"…"` and `\` quote. A word with an
 * expansion (`$CATALINA_OPTS`, `$(…)`, a backtick) or a shell operator is kept as written, value unknown.
 */
function optsWords(body: string, quote: '"' | "'"): OptsWord[] {
  const chars = sourced(body, quote);
  const words: OptsWord[] = [];
  let value = '';
  let from = -1;
  let to = -1;
  let fixed = true;
  let state: 'plain' | 'single' | 'double' = 'plain';
  const end = (): void => {
    if (from !== -1) words.push({ raw: body.slice(from, to), value: fixed ? value : undefined });
    value = '';
    from = -1;
    fixed = true;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === undefined) break;
    if (state === 'plain' && !c.expands && /\s/.test(c.ch)) {
      end();
      continue;
    }
    if (from === -1) from = c.from;
    to = c.to;
    if (c.expands) fixed = false;
    else if (state === 'single') {
      if (c.ch === "'") state = 'plain';
      else value += c.ch;
    } else if (state === 'double') {
      const next = chars[i + 1];
      if (c.ch === '"') state = 'plain';
      else if (c.ch === '\\' && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next.ch) && !next.expands) {
        value += next.ch;
        to = next.to;
        i++;
      } else if (c.ch === '$' || c.ch === '`') fixed = false;
      else value += c.ch;
    } else if (c.ch === "'") state = 'single';
    else if (c.ch === '"') state = 'double';
    else if (c.ch === '\\') {
      const next = chars[i + 1];
      if (next !== undefined && !next.expands) {
        value += next.ch;
        to = next.to;
        i++;
      }
    } else if ('$`;&|<>()'.includes(c.ch)) fixed = false;
    else value += c.ch;
  }
  end();
  return words;
}

/** Words the shell's `eval` leaves as they are. */
const SHELL_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * An option as catalina.sh's `eval` must find it, written inside setenv.sh's `quote`: plain when it
 * can be; else its name and `=` plain and the value quoted (`-Dfoo='a b'`), in single quotes
 * (`'` as `'\''`) inside a double-quoted line, in double quotes (`\ " $ \`` escaped) inside a
 * single-quoted one, which cannot hold a `'` at all (`undefined`).
 */
function optionText(option: string, quote: '"' | "'"): string | undefined {
  if (SHELL_PLAIN.test(option)) return option;
  const eq = option.indexOf('=');
  const name = eq !== -1 && SHELL_PLAIN.test(option.slice(0, eq + 1)) ? option.slice(0, eq + 1) : '';
  const value = option.slice(name.length);
  if (quote === "'") return value.includes("'") ? undefined : `${name}"${value.replace(/[\\"$`]/g, '\\$&')}"`;
  const evalText = `${name}'${value.replaceAll("'", "'\\''")}'`;
  return evalText.replace(/[\\"$`]/g, '\\$&');
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Add or replace JVM options in setenv.sh's CATALINA_OPTS (set), or remove them (unset), keeping the
 * rest of the file. Options are matched by key, so `-Xmx8g` replaces `-Xmx2g`. An option with
 * spaces, quotes or shell characters is quoted so that catalina.sh's `eval` hands the JVM exactly
 * the option (`CATALINA_OPTS="$CATALINA_OPTS -Dfoo='a b'"`). A CATALINA_OPTS line that is not a
 * simple quoted assignment, or an option built from an expansion (`-Dx=$Y`), that holds a matching
 * option is an error (never guessed at).
 */
export function editJvmOptions(text: string, action: 'set' | 'unset', options: readonly string[]): Result<string, string> {
  const lines = splitLines(text);
  const keys = new Set(options.map(jvmOptionKey));
  let last = -1;
  const out: string[] = [];
  for (const line of lines) {
    const parsed = optsLine(line);
    if (parsed === undefined) {
      if (/CATALINA_OPTS=/.test(line) && [...keys].some((k) => line.includes(k))) {
        return err(`setenv.sh line "${maskedFileText(line.trim())}" sets CATALINA_OPTS in a form this tool does not edit: change it by hand`);
      }
      out.push(line);
      continue;
    }
    const words = optsWords(parsed.body, parsed.quote);
    const built = words.find((w) => w.value === undefined && w.raw.startsWith('-') && keys.has(jvmOptionKey(w.raw)));
    if (built !== undefined) return err(`setenv.sh sets ${built.raw} from a shell expansion: change it by hand`);
    const kept = words.filter((w) => w.value === undefined || !keys.has(jvmOptionKey(w.value))).map((w) => w.raw);
    if (kept.length === 1 && /^\$\{?CATALINA_OPTS\}?$/.test(kept[0] ?? '') && action === 'unset') continue;
    out.push(`${parsed.head}${parsed.quote}${kept.join(' ')}${parsed.quote}${parsed.tail}`);
    last = out.length - 1;
  }
  if (action === 'set') {
    const target = last === -1 ? undefined : optsLine(out[last] ?? '');
    const texts = target === undefined ? undefined : options.map((o) => optionText(o, target.quote));
    if (target === undefined || texts === undefined || texts.some((t) => t === undefined)) {
      // No line to extend, or a single-quoted one that cannot hold these options: a line of our own.
      out.push(`CATALINA_OPTS="$CATALINA_OPTS ${options.map((o) => optionText(o, '"')).join(' ')}"`);
    } else {
      out[last] = `${target.head}${target.quote}${[target.body, ...texts].filter((p) => p !== '').join(' ')}${target.quote}${target.tail}`;
    }
  }
  return ok(`${out.join('\n')}\n`);
}

/** The JVM options setenv.sh's CATALINA_OPTS lines add, as the JVM gets them (for post-checks). */
export function readJvmOptions(text: string): string[] {
  return splitLines(text).flatMap((line) => {
    const parsed = optsLine(line);
    if (parsed === undefined) return [];
    return optsWords(parsed.body, parsed.quote).flatMap((w) => (w.value !== undefined && w.value.startsWith('-') ? [w.value] : []));
  });
}

/** Point setenv.sh at another JDK: replace the JAVA_HOME assignment, or add one after the shebang. */
export function setJavaHome(text: string, javaHome: string): string {
  const lines = splitLines(text);
  const assignment = `JAVA_HOME="${javaHome}"`;
  const index = lines.findIndex((l) => /^\s*(?:export\s+)?JAVA_HOME=/.test(l));
  if (index !== -1) {
    const exported = /^\s*export\s+/.test(lines[index] ?? '');
    lines[index] = exported ? `export ${assignment}` : assignment;
    if (!exported && !lines.some((l) => /^\s*export\s+JAVA_HOME\s*$/.test(l))) lines.splice(index + 1, 0, 'export JAVA_HOME');
  } else {
    const at = lines[0]?.startsWith('#!') ? 1 : 0;
    lines.splice(at, 0, `export ${assignment}`);
  }
  return `${lines.join('\n')}\n`;
}
