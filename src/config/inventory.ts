import { z } from 'zod';
import { ClusterConfig } from './cluster-config.ts';
import { InventoryName } from './inventory-name.ts';
import { LocalPath } from './local-path.ts';

/** The inventory file: global settings and the clusters by name. */
export const Inventory = z
  .object({
    /** Where module/plugin/patch files are taken from, on the bot's machine. */
    artifactDir: LocalPath,
    /** Extra non-revertible catalog file (JSON), added to the shipped one. */
    catalog: LocalPath.optional(),
    clusters: z
      .record(InventoryName, ClusterConfig)
      .refine((clusters) => Object.keys(clusters).length > 0, 'expected at least one cluster'),
  })
  .strict();
export type Inventory = z.infer<typeof Inventory>;
