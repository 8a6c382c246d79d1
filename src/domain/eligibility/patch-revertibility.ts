import { findNonRevertible, type CatalogEntry, type PatchCatalog } from '../liferay/patch-catalog.ts';
import type { PatchId } from '../liferay/patch-id.ts';
import type { Answers } from './eligibility-input.ts';

export type Revertibility =
  | { readonly kind: 'revertible' }
  | { readonly kind: 'non-revertible'; readonly entry: CatalogEntry }
  /** Not in the catalog, but its number ends in zero: LIFERAY.md §2's heuristic, never silently eligible. */
  | { readonly kind: 'suspect' };

/** How a patch stands against the catalog, the facts and what the requester already confirmed. */
export function patchRevertibility(patch: PatchId, catalog: PatchCatalog, answers: Answers): Revertibility {
  const entry = findNonRevertible(catalog, patch.id);
  if (entry !== undefined) return { kind: 'non-revertible', entry };
  const confirmed = (answers.revertible ?? []).some((id) => id.toLowerCase() === patch.id);
  if (patch.kind === 'fixpack' && patch.number % 10 === 0 && !confirmed) return { kind: 'suspect' };
  return { kind: 'revertible' };
}
