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

const OPTS_LINE = /^(\s*(?:export\s+)?CATALINA_OPTS=)(["'])(.*)\2(\s*(?:#.*)?)$/;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Add or replace JVM options in setenv.sh's CATALINA_OPTS (set), or remove them (unset), keeping the
 * rest of the file. Options are matched by key, so `-Xmx8g` replaces `-Xmx2g`. A CATALINA_OPTS line
 * that is not a simple quoted assignment and holds a matching option is an error (never guessed at).
 */
export function editJvmOptions(text: string, action: 'set' | 'unset', options: readonly string[]): Result<string, string> {
  const lines = splitLines(text);
  const keys = new Set(options.map(jvmOptionKey));
  let last = -1;
  const out: string[] = [];
  for (const line of lines) {
    const match = OPTS_LINE.exec(line);
    if (match === null) {
      if (/CATALINA_OPTS=/.test(line) && [...keys].some((k) => line.includes(k))) {
        return err(`setenv.sh line "${line.trim()}" sets CATALINA_OPTS in a form this tool does not edit: change it by hand`);
      }
      out.push(line);
      continue;
    }
    const [, head = '', quote = '"', body = '', tail = ''] = match;
    const kept = body.split(/\s+/).filter((token) => token !== '' && !keys.has(jvmOptionKey(token)));
    if (kept.length === 1 && /^\$\{?CATALINA_OPTS\}?$/.test(kept[0] ?? '') && action === 'unset') continue;
    out.push(`${head}${quote}${kept.join(' ')}${quote}${tail}`);
    last = out.length - 1;
  }
  if (action === 'set') {
    if (last === -1) out.push(`CATALINA_OPTS="$CATALINA_OPTS ${options.join(' ')}"`);
    else {
      const match = OPTS_LINE.exec(out[last] ?? '');
      const [, head = '', quote = '"', body = '', tail = ''] = match ?? [];
      out[last] = `${head}${quote}${[body, ...options].filter((p) => p !== '').join(' ')}${quote}${tail}`;
    }
  }
  return ok(`${out.join('\n')}\n`);
}

/** The JVM options setenv.sh's CATALINA_OPTS lines add (for post-checks). */
export function readJvmOptions(text: string): string[] {
  return splitLines(text).flatMap((line) => {
    const body = OPTS_LINE.exec(line)?.[3];
    return body === undefined ? [] : body.split(/\s+/).filter((t) => t.startsWith('-'));
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
