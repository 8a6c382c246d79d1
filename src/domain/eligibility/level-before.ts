import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { parsePatchId, type PatchId } from '../liferay/patch-id.ts';
import type { FixpackHistory } from './eligibility-input.ts';

/** The fix pack level just before `fixpack`: what a revert of it goes back to. */
export type LevelBefore =
  | { readonly known: false; readonly why: string }
  /** `fixpack` undefined: no fix pack (GA). `source` says where the level comes from ("from the rollout records"). */
  | { readonly known: true; readonly fixpack: PatchId | undefined; readonly source: string };

type Entry = { readonly found: false } | { readonly found: true; readonly value: string | null };

/** The entry for `id` in a map keyed by patch ids or zip names, in any case. */
function entryFor(map: Readonly<Record<string, string | null>> | undefined, id: string): Entry {
  for (const [key, value] of Object.entries(map ?? {})) if (parsePatchId(key)?.id === id) return { found: true, value };
  return { found: false };
}

/**
 * The level before `fixpack`: the facts' declared `fixpackBefore` first, then the history from the
 * rollout records; the first fix pack of a build has only GA below it. A recorded level that is not
 * a lower fix pack of the same build is not trusted (unknown, with the reason).
 */
export function levelBefore(fixpack: Extract<PatchId, { kind: 'fixpack' }>, facts: ClusterFacts, history: FixpackHistory): LevelBefore {
  const declared = entryFor(facts.fixpackBefore, fixpack.id);
  const recorded = entryFor(history.fixpackBefore, fixpack.id);
  const [entry, source] = declared.found ? [declared, 'declared in the cluster facts as fixpackBefore'] : [recorded, 'from the rollout records'];
  if (!entry.found) {
    if (fixpack.number === 1) return { known: true, fixpack: undefined, source: `the first fix pack of build ${fixpack.build} has none below it` };
    return { known: false, why: 'neither the rollout records nor the cluster facts say which fix pack was installed before it' };
  }
  if (entry.value === null) return { known: true, fixpack: undefined, source };
  const before = parsePatchId(entry.value);
  if (before === undefined || before.kind !== 'fixpack' || before.build !== fixpack.build || before.number >= fixpack.number) {
    return { known: false, why: `"${entry.value}", the level ${source}, is not a fix pack of build ${fixpack.build} below ${fixpack.id}` };
  }
  return { known: true, fixpack: before, source };
}
