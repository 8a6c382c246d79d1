// Shared helpers of the simulated Liferay node and its Patching Tool (plain JS: runs with `node`).
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/** Where the simulator keeps its own files inside LIFERAY_HOME. */
export function simPaths(home) {
  const simDir = path.join(home, '.sim');
  return {
    simDir,
    config: path.join(simDir, 'config.json'),
    faults: path.join(simDir, 'faults.json'),
    pid: path.join(simDir, 'sim.pid'),
    patchingState: path.join(home, 'patching-tool', 'patching-state.json'),
    patchesDir: path.join(home, 'patching-tool', 'patches'),
    logsDir: path.join(home, 'logs'),
  };
}

export function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

/** Write-then-rename, so readers never see half a file. */
export function writeJsonAtomic(file, value) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function readFaults(home) {
  const faults = readJson(simPaths(home).faults, {});
  return faults !== null && typeof faults === 'object' ? faults : {};
}

/** Alive and not a zombie (an exited child of a lazy init still answers `kill -0`). */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return !fs.existsSync('/proc/self');
  }
}

/** The pid of the running simulated portal of this home, or undefined. */
export function runningPid(home) {
  try {
    const pid = Number.parseInt(fs.readFileSync(simPaths(home).pid, 'utf8').trim(), 10);
    return isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

const pad = (n, width = 2) => String(n).padStart(width, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `31-Jan-2025 10:00:00.123` (Tomcat's catalina.out format, GMT as -Duser.timezone=GMT). */
export function tomcatTimestamp(date = new Date()) {
  return (
    `${pad(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

/** `2025-01-31 10:00:00.123` (Liferay's log format). */
export function liferayTimestamp(date = new Date()) {
  return (
    `${liferayLogDate(date)} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

export function liferayLogDate(date = new Date()) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Minimal `.properties` reader: `key=value` / `key: value`, `#`/`!` comments, no continuations. */
export function parseProperties(text) {
  const result = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (match) result[match[1]] = match[2];
    else result[line] = '';
  }
  return result;
}

export function listFiles(dir) {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
