import { z } from 'zod';
import { ClusterFacts } from '../domain/liferay/cluster-facts.ts';

/**
 * Facts declared for a cluster in the inventory (used by `check --inventory` instead of a probe):
 * `ClusterFacts` without `product`, which is the cluster's own key.
 */
export const DeclaredFacts = ClusterFacts.omit({ product: true })
  .extend({
    product: z.never({ error: 'product is not a fact here: set it as the cluster\'s "product" key' }).optional(),
  })
  .strict()
  .transform(({ product: _product, ...facts }) => facts);
export type DeclaredFacts = z.infer<typeof DeclaredFacts>;
