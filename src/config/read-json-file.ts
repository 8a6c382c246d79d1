import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { mergeCatalogs, PatchCatalog } from '../domain/liferay/patch-catalog.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { messageOf } from '../domain/message-of.ts';
import { errnoOf } from '../domain/errno-of.ts';

/** A config file problem, as one line a user can act on. */
export interface FileError {
  readonly code: 'file_unreadable' | 'file_invalid';
  readonly message: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}

/** Read a JSON file and validate it: unreadable, not JSON and wrong shape each give one line naming the file. */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S, what: string): Result<z.infer<S>, FileError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = errnoOf(e) === 'ENOENT' ? 'no such file' : messageOf(e);
    return err({ code: 'file_unreadable', message: `cannot read ${what} ${path}: ${reason}` });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err({ code: 'file_invalid', message: `${what} ${path} is not valid JSON: ${messageOf(e)}` });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return err({ code: 'file_invalid', message: `${what} ${path} is invalid: ${describeIssues(parsed.error)}` });
  return ok(parsed.data);
}

/** A facts file (`{"product": "dxp-7.1", "patches": [...], ...}`), validated. */
export function loadFacts(path: string): Result<ClusterFacts, FileError> {
  return readJsonFile(path, ClusterFacts, 'facts file');
}

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
