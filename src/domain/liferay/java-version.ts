/**
 * A Java version, normalised to the modern (JEP 223/322) numbering.
 *
 * - `major.minor.patch` are the first three numbers of the modern form. The legacy form drops its
 *   `1.` and its update becomes the patch: `1.8.0_292` -> major 8, minor 0, patch 292 (the same
 *   numbers Adoptium's `8.0.292` semver form uses).
 * - `update` is the vendor's fourth number (`11.0.20.1` -> 1), 0 when absent.
 * - `normalized` is `major.minor.patch`, plus `.update` only when `update` is not 0:
 *   `1.8.0_292` -> `8.0.292`, `21` -> `21.0.0`, `11.0.20.1` -> `11.0.20.1`.
 * - `raw` is the version token as found (trimmed; for `java -version` output, the quoted part).
 * - Build numbers (`+6`, `-b10`) and suffixes (`-LTS`, `-ea`) are accepted and ignored.
 */
export interface JavaVersion {
  major: number;
  minor: number;
  patch: number;
  update: number;
  raw: string;
  normalized: string;
}

// Numbers without leading zeros, at most 9 digits (always safe integers).
const N = '(?:0|[1-9][0-9]{0,8})';
// Build / pre-release tail: `+6`, `-LTS`, `-ea`, `+6-LTS`, `-ea+35-2513`, `-b10`.
const TAIL = '(?:[-+][A-Za-z0-9]{1,20}){0,4}';
/** `1.8`, `1.8.0`, `1.8.0_292`, `1.8.0_05-b10` (Java 8 and older zero-pad small updates). */
const LEGACY = new RegExp(`^1\\.([1-8])(?:\\.(${N})(?:_([0-9]{1,9}))?)?${TAIL}$`);
/** `21`, `21.0`, `11.0.12`, `17.0.15+6`, `11.0.20.1`, `21-ea`, `17.0.15-LTS`, `8.0.292`. */
const MODERN = new RegExp(`^([2-9]|[1-9][0-9]{1,2})(?:\\.(${N})(?:\\.(${N})(?:\\.(${N}))?)?)?${TAIL}$`);
/** `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_292"`. */
const QUOTED = /\bversion\s+"([^"\r\n]{1,64})"/;
/** `java --version` (stdout) first line: `openjdk 17.0.15 2025-04-15`. */
const DASH_DASH = /^(?:openjdk|java)\s+([0-9][^\s]{0,63})(?:\s|$)/i;

function make(major: number, minor: number, patch: number, update: number, raw: string): JavaVersion {
  const normalized = `${major}.${minor}.${patch}${update === 0 ? '' : `.${update}`}`;
  return { major, minor, patch, update, raw, normalized };
}

function parseToken(token: string): JavaVersion | undefined {
  const legacy = LEGACY.exec(token);
  if (legacy) {
    const major = Number(legacy[1]);
    return make(major, Number(legacy[2] ?? 0), Number(legacy[3] ?? 0), 0, token);
  }
  const modern = MODERN.exec(token);
  if (modern) {
    return make(Number(modern[1]), Number(modern[2] ?? 0), Number(modern[3] ?? 0), Number(modern[4] ?? 0), token);
  }
  return undefined;
}

/**
 * Parse a Java version in any form LIFERAY.md §3 lists (`1.8.0_292`, `11.0.12`, `17.0.15+6`, `21`,
 * `21.0`, `11.0.20.1`, `-LTS`/`-ea` suffixes), or the text `java -version` prints (the first
 * `version "..."` wins) or the first line of `java --version`. Anything else is `undefined`.
 */
export function parseJavaVersion(text: string): JavaVersion | undefined {
  const trimmed = text.trim();
  const quoted = QUOTED.exec(trimmed);
  if (quoted?.[1] !== undefined) return parseToken(quoted[1].trim());
  const dashDash = DASH_DASH.exec(trimmed);
  if (dashDash?.[1] !== undefined) return parseToken(dashDash[1]);
  return parseToken(trimmed);
}

/** Orders by major, minor, patch, update; build numbers and suffixes do not count. */
export function compareJavaVersions(a: JavaVersion, b: JavaVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || a.update - b.update;
}

export function sameJavaMajor(a: JavaVersion, b: JavaVersion): boolean {
  return a.major === b.major;
}
