/**
 * A command line that is safe to hand to a POSIX shell: every interpolated value was quoted.
 * Only `sh` (below), `shGlob` and `rawShell` (for fixed text written in our own source) make one.
 */
export interface ShellCommand {
  readonly __brand: 'ShellCommand';
  readonly text: string;
}

/** Single-quote a value for POSIX sh. Safe for every byte except NUL, which is refused. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('shell value contains a NUL byte');
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

type Part = string | number | ShellCommand | readonly (string | number)[];

function render(part: Part): string {
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return shellQuote(part);
  if (Array.isArray(part)) return part.map((p) => shellQuote(String(p))).join(' ');
  return (part as ShellCommand).text;
}

/**
 * Template tag: the literal text is ours, every `${value}` is quoted (arrays become quoted words;
 * nested ShellCommands are inserted as they are).
 *   sh`cd ${home} && ./patching-tool.sh install`
 */
export function sh(strings: TemplateStringsArray, ...values: Part[]): ShellCommand {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '');
  });
  return { __brand: 'ShellCommand', text };
}

const GLOB_LIVE = /(\*|\?|\[0-9\])/;

/**
 * A glob pattern for sh: `*`, `?` and the class `[0-9]` stay live, every other character is quoted
 * (spaces, quotes, `$`, backticks, newlines included), so the pattern matches names and never runs
 * anything. Insert it with `sh`: sh`for old in ${dir}/${shGlob(pattern)}; do ...`.
 */
export function shGlob(pattern: string): ShellCommand {
  if (pattern.includes('\0')) throw new Error('shell value contains a NUL byte');
  const text = pattern
    .split(GLOB_LIVE)
    // split() with a capture group: the odd entries are the live parts, the even ones literal text.
    .map((part, i) => (i % 2 === 1 ? part : part === '' ? '' : `'${part.replaceAll("'", `'"'"'`)}'`))
    .join('');
  return { __brand: 'ShellCommand', text };
}

/** Fixed command text from configuration written by the operator (e.g. a systemd stop command). */
export function rawShell(text: string): ShellCommand {
  return { __brand: 'ShellCommand', text };
}
