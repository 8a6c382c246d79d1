import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { compareFixpacks, parsePatchId, type BuildCode, type PatchId } from '../liferay/patch-id.ts';

export type InstalledFixpack =
  | { readonly known: false }
  | { readonly known: true; readonly fixpack: PatchId | undefined };

/** The highest fix pack of `build` in the facts' installed patches; unknown when the facts say nothing. */
export function installedFixpack(facts: ClusterFacts, build: BuildCode): InstalledFixpack {
  if (facts.patches === undefined) return { known: false };
  const fixpacks = facts.patches
    .map((p) => parsePatchId(p))
    .filter((p): p is PatchId => p !== undefined && p.kind === 'fixpack' && p.build === build)
    .sort(compareFixpacks);
  return { known: true, fixpack: fixpacks.at(-1) };
}
