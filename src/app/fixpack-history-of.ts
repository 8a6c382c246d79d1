import type { FixpackHistory } from '../domain/eligibility/eligibility-input.ts';
import { installedFixpack } from '../domain/eligibility/installed-fixpack.ts';
import { compareFixpacks, parsePatchId } from '../domain/liferay/patch-id.ts';
import type { RolloutFilter } from './ports.ts';
import type { RolloutRecord, RolloutStatus } from './rollout-record.ts';

/**
 * Rollouts that put the fix pack on nodes, or may have: a failed or interrupted install leaves the
 * nodes it reached on it, and its way back is a revert to the level it started from.
 */
const RAN: readonly RolloutStatus[] = ['succeeded', 'failed', 'paused', 'interrupted', 'left-as-is'];

/** The records `fixpackHistoryOf` reads for a cluster: its fix pack rollouts that ran (the store need not hand over, nor decode, any other). */
export const fixpackHistoryFilter = (cluster: string): RolloutFilter => ({ cluster, kinds: ['fixpack'], statuses: RAN });

/**
 * One cluster's rollout records -> which fix pack each installed fix pack replaced: a fix pack
 * install that ran records the facts it started from, and the highest fix pack of the build in
 * them (none: GA) is the level before. The most recent such record of a fix pack wins; records
 * whose facts did not know the patches say nothing.
 */
export function fixpackHistoryOf(records: readonly RolloutRecord[]): FixpackHistory {
  const latest = new Map<string, { readonly at: string; readonly before: string | null }>();
  for (const record of records) {
    const { request, facts } = record;
    if (request.kind !== 'fixpack' || request.action !== 'install' || !RAN.includes(record.status)) continue;
    const installed = parsePatchId(request.patch);
    if (installed === undefined || installed.kind !== 'fixpack') continue;
    const from = installedFixpack(facts, installed.build);
    if (!from.known || (from.fixpack !== undefined && compareFixpacks(from.fixpack, installed) >= 0)) continue;
    const seen = latest.get(installed.id);
    if (seen === undefined || seen.at < record.updatedAt) latest.set(installed.id, { at: record.updatedAt, before: from.fixpack?.id ?? null });
  }
  return { fixpackBefore: Object.fromEntries([...latest].map(([id, { before }]) => [id, before])) };
}
