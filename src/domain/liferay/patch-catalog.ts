import { z } from 'zod';

export const CatalogEntry = z
  .object({
    id: z.string().min(1),
    reason: z.string().default('listed as non-revertible'),
    source: z.string().default('operator'),
  })
  .strict();
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** Known non-revertible fix packs and breaking hotfixes (shipped file + operator additions). */
export const PatchCatalog = z
  .object({
    $comment: z.string().optional(),
    nonRevertible: z.array(CatalogEntry).default([]),
    breakingHotfixes: z.array(CatalogEntry).default([]),
  })
  .strict();
export type PatchCatalog = z.infer<typeof PatchCatalog>;

export const EMPTY_CATALOG: PatchCatalog = { nonRevertible: [], breakingHotfixes: [] };

/** Later catalogs add to earlier ones; the first entry for an id wins. */
export function mergeCatalogs(...catalogs: readonly PatchCatalog[]): PatchCatalog {
  const seen = new Set<string>();
  const pick = (entries: readonly CatalogEntry[]): CatalogEntry[] =>
    entries.filter((e) => {
      const key = e.id.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    nonRevertible: pick(catalogs.flatMap((c) => c.nonRevertible)),
    breakingHotfixes: pick(catalogs.flatMap((c) => c.breakingHotfixes)),
  };
}

/** The facts file's `nonRevertible` ids as catalog entries (fix packs and hotfixes alike). */
export function catalogFromFacts(ids: readonly string[] | undefined): PatchCatalog {
  const entries = (ids ?? []).map((id) => ({ id: id.toLowerCase(), reason: 'declared non-revertible in the cluster facts', source: 'facts' }));
  return {
    nonRevertible: entries.filter((e) => !e.id.startsWith('hotfix-')),
    breakingHotfixes: entries.filter((e) => e.id.startsWith('hotfix-')),
  };
}

export function findNonRevertible(catalog: PatchCatalog, id: string): CatalogEntry | undefined {
  const key = id.toLowerCase();
  return catalog.nonRevertible.find((e) => e.id.toLowerCase() === key) ?? catalog.breakingHotfixes.find((e) => e.id.toLowerCase() === key);
}
