import { isAbsolute, resolve } from 'node:path';
import { loadCatalog, loadFacts } from '../../config/read-json-file.ts';
import { formatInventoryError } from '../../config/format-inventory-error.ts';
import { loadInventory } from '../../config/load-inventory.ts';
import type { Inventory } from '../../config/inventory-schema.ts';
import type { EligibilityPolicy } from '../../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import { err, ok, type Result } from '../../domain/result.ts';

export interface ClusterContext {
  readonly facts: ClusterFacts;
  readonly catalog: PatchCatalog;
  readonly policy: EligibilityPolicy;
  readonly inventory?: Inventory;
}

export interface ContextOptions {
  readonly cwd: string;
  readonly cluster: string;
  readonly factsPath?: string | undefined;
  readonly inventoryPath?: string | undefined;
  readonly catalogPaths?: readonly string[] | undefined;
  /** Whether the inventory's key files must be there: not for a command that never connects (`check`). */
  readonly keyFiles?: 'check' | 'ignore';
}

const abs = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

/**
 * Facts, catalog and policy for one cluster: the inventory's declared facts and catalog, then the
 * facts file on top (its keys win), then extra catalog files. Every failure is one message.
 */
export function loadClusterContext(options: ContextOptions): Result<ClusterContext, string> {
  let facts: ClusterFacts = {};
  let policy: EligibilityPolicy = {};
  const catalogPaths: string[] = [];
  let inventory: Inventory | undefined;
  if (options.inventoryPath !== undefined) {
    const loaded = loadInventory(abs(options.cwd, options.inventoryPath), { keyFiles: options.keyFiles ?? 'check' });
    if (!loaded.ok) return err(formatInventoryError(loaded.error));
    inventory = loaded.value;
    const cluster = inventory.clusters[options.cluster];
    if (cluster === undefined) {
      return err(`unknown cluster "${options.cluster}" (the inventory has: ${Object.keys(inventory.clusters).join(', ')})`);
    }
    facts = { ...cluster.facts, product: cluster.product };
    policy = { allowRollingPatchRelease: cluster.allowRollingPatchRelease };
    if (inventory.catalog !== undefined) catalogPaths.push(inventory.catalog);
  }
  if (options.factsPath !== undefined) {
    const loaded = loadFacts(abs(options.cwd, options.factsPath));
    if (!loaded.ok) return err(loaded.error.message);
    facts = { ...facts, ...loaded.value };
  }
  catalogPaths.push(...(options.catalogPaths ?? []).map((p) => abs(options.cwd, p)));
  const catalog = loadCatalog(catalogPaths);
  if (!catalog.ok) return err(catalog.error.message);
  return ok({ facts, catalog: catalog.value, policy, ...(inventory === undefined ? {} : { inventory }) });
}
