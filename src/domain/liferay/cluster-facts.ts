import { z } from 'zod';

export const ProductId = z.enum(['dxp-7.0', 'dxp-7.1', 'dxp-7.2', 'dxp-7.3', 'dxp-7.4']);
export type ProductId = z.infer<typeof ProductId>;

/** One installed module: `"modules": {"<symbolic name>": {"version": "…", "schemaVersion": "…"}}`. */
export const InstalledModuleFacts = z.object({ version: z.string(), schemaVersion: z.string().optional() }).strict();
export type InstalledModuleFacts = z.infer<typeof InstalledModuleFacts>;

/**
 * What a probe of the cluster would find (cluster-wide). Every key is optional: rules that need a
 * missing fact say so instead of guessing. `nonRevertible` adds to the shipped catalog.
 * `fixpackBefore` (never probed, only declared) says which fix pack was installed just before
 * another (`{"dxp-14-7110": "dxp-13-7110"}`, `null` = none, GA): where `fixpack revert` goes back
 * to; it wins over what the rollout records say. `modules` (probed from each JAR's manifest in
 * `osgi/modules`, or declared): what the nodes run of each module by `Bundle-SymbolicName`, the JAR
 * inspector's "installed" side. Probed per node besides: `build` (the Patching Tool's build number,
 * `7110`) and `digests` (sha256 of `portal-ext.properties` and of each `osgi/configs` file, by path
 * relative to the Liferay home).
 */
export const ClusterFacts = z
  .object({
    product: ProductId.optional(),
    patches: z.array(z.string()).optional(),
    java: z.string().optional(),
    release: z.string().optional(),
    commerce: z.string().optional(),
    build: z.string().optional(),
    digests: z.record(z.string(), z.string()).optional(),
    nonRevertible: z.array(z.string()).optional(),
    fixpackBefore: z.record(z.string(), z.string().nullable()).optional(),
    modules: z.record(z.string(), InstalledModuleFacts).optional(),
  })
  .strict();
export type ClusterFacts = z.infer<typeof ClusterFacts>;
