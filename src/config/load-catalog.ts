import { fileURLToPath } from 'node:url';
import { mergeCatalogs, PatchCatalog } from '../domain/liferay/patch-catalog.ts';
import { ok, type Result } from '../domain/result.ts';
import { readJsonFile, type FileError } from './read-json-file.ts';

/** The catalog of non-revertible patches shipped with the package. */
export const SHIPPED_CATALOG_PATH = fileURLToPath(new URL('../../catalog/non-revertible.json', import.meta.url));

/** The shipped catalog plus the operator's extra catalog files, in order. */
export function loadCatalog(extraPaths: readonly string[] = []): Result<PatchCatalog, FileError> {
  const catalogs: PatchCatalog[] = [];
  for (const path of [SHIPPED_CATALOG_PATH, ...extraPaths]) {
    const loaded = readJsonFile(path, PatchCatalog, 'catalog');
    if (!loaded.ok) return loaded;
    catalogs.push(loaded.value);
  }
  return ok(mergeCatalogs(...catalogs));
}
