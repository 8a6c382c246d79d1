import { z } from 'zod';
import { ClusterName } from '../domain/request/maintenance-request.ts';

/** Cluster and node names: the same characters a request accepts after `on`. */
export const InventoryName = z
  .string()
  .refine(
    (s) => ClusterName.safeParse(s).success,
    'expected a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)',
  );
export type InventoryName = z.infer<typeof InventoryName>;
