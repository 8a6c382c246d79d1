/**
 * A DXP 7.4 release: an update (`7.4.13-u102`) or a quarterly release (`2024.q1.3`,
 * `2025.q1.0-lts`). `raw` is the text as given (trimmed); `id` is its lower-case form
 * (`2024.Q1.3` -> `2024.q1.3`; an `-lts` suffix is kept).
 */
export type ReleaseName =
  | { kind: 'update'; update: number; raw: string; id: string }
  | { kind: 'quarterly'; year: number; quarter: 1 | 2 | 3 | 4; patch: number; raw: string; id: string };

/** Updates: `7.4.13-u<n>`, n positive without leading zeros. */
const UPDATE = /^7\.4\.13-u([1-9][0-9]{0,5})$/;
/** Quarterly: `<year>.q<1-4>.<patch>[-lts]`, year 2000-2999, patch without leading zeros. */
const QUARTERLY = /^(2[0-9]{3})\.q([1-4])\.(0|[1-9][0-9]{0,5})(-lts)?$/;

function isQuarter(n: number): n is 1 | 2 | 3 | 4 {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/** Parse `7.4.13-u102`, `2024.q1.3`, `2024.Q1.3`, `2025.q1.0-lts` (case-insensitive); else `undefined`. */
export function parseReleaseName(text: string): ReleaseName | undefined {
  const raw = text.trim();
  const id = raw.toLowerCase();
  const update = UPDATE.exec(id);
  if (update) return { kind: 'update', update: Number(update[1]), raw, id };
  const quarterly = QUARTERLY.exec(id);
  if (quarterly) {
    const quarter = Number(quarterly[2]);
    if (!isQuarter(quarter)) return undefined;
    return { kind: 'quarterly', year: Number(quarterly[1]), quarter, patch: Number(quarterly[3]), raw, id };
  }
  return undefined;
}

/**
 * Every 7.4 update comes before every quarterly release; updates order by number, quarterly
 * releases by year, quarter, patch. An `-lts` suffix does not change the order.
 */
export function compareReleaseNames(a: ReleaseName, b: ReleaseName): number {
  if (a.kind === 'update' && b.kind === 'update') return a.update - b.update;
  if (a.kind === 'quarterly' && b.kind === 'quarterly') return a.year - b.year || a.quarter - b.quarter || a.patch - b.patch;
  return a.kind === 'update' ? -1 : 1;
}

/** Both are quarterly releases of the same year and quarter (patch releases of one quarter). */
export function sameQuarter(a: ReleaseName, b: ReleaseName): boolean {
  return a.kind === 'quarterly' && b.kind === 'quarterly' && a.year === b.year && a.quarter === b.quarter;
}
