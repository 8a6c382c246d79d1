import { z } from 'zod';

/** Cluster names as they appear after `on`: letters, digits, `.`, `_`, `-`. */
export const ClusterName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/);
export type ClusterName = z.infer<typeof ClusterName>;

/** Declared effect of a module/plugin on the database (`--schema`). */
export const SchemaDeclaration = z.enum(['none', 'compatible', 'breaking']);
export type SchemaDeclaration = z.infer<typeof SchemaDeclaration>;

/** A `key=value` pair as given; keys and values are validated by the parser. */
export const Setting = z.object({ key: z.string().min(1), value: z.string() });
export type Setting = z.infer<typeof Setting>;

const common = {
  cluster: ClusterName,
  schema: SchemaDeclaration.optional(),
  dryRun: z.boolean(),
};

export const FixpackRequest = z.object({
  kind: z.literal('fixpack'),
  action: z.enum(['install', 'revert']),
  /** Normalised patch id as `patching-tool info` prints it, e.g. `dxp-14-7110`. */
  patch: z.string(),
  ...common,
});
export const HotfixRequest = z.object({
  kind: z.literal('hotfix'),
  action: z.enum(['install', 'revert']),
  /** Normalised hotfix id, e.g. `hotfix-4445-7110`. */
  patch: z.string(),
  ...common,
});
export const ModuleRequest = z.object({
  kind: z.literal('module'),
  action: z.enum(['install', 'update']),
  /** A bare `.jar` or `.lpkg` file name from the artifact folder. */
  file: z.string(),
  ...common,
});
export const PluginRequest = z.object({
  kind: z.literal('plugin'),
  action: z.enum(['install', 'update']),
  /** A bare `.war` file name from the artifact folder. */
  file: z.string(),
  ...common,
});
export const PropertySetRequest = z.object({
  kind: z.literal('property'),
  action: z.literal('set'),
  settings: z.array(Setting).min(1),
  ...common,
});
export const PropertyUnsetRequest = z.object({
  kind: z.literal('property'),
  action: z.literal('unset'),
  keys: z.array(z.string().min(1)).min(1),
  ...common,
});
export const ConfigSetRequest = z.object({
  kind: z.literal('config'),
  action: z.literal('set'),
  pid: z.string(),
  settings: z.array(Setting).min(1),
  ...common,
});
export const JvmRequest = z.object({
  kind: z.literal('jvm'),
  action: z.enum(['set', 'unset']),
  options: z.array(z.string().min(1)).min(1),
  ...common,
});
export const JavaRequest = z.object({
  kind: z.literal('java'),
  action: z.literal('update'),
  /** As typed (normalised form is derived with `parseJavaVersion`). */
  version: z.string(),
  ...common,
});
export const ReleaseRequest = z.object({
  kind: z.literal('release'),
  action: z.literal('update'),
  /** `7.4.13-u102` or `2024.q1.3` (lower-case q). */
  release: z.string(),
  ...common,
});
export const CommerceRequest = z.object({
  kind: z.literal('commerce'),
  action: z.literal('update'),
  version: z.string(),
  ...common,
});

/** One maintenance change on one cluster: what `/liferay <request>` and the CLI both parse to. */
export const MaintenanceRequest = z.union([
  FixpackRequest,
  HotfixRequest,
  ModuleRequest,
  PluginRequest,
  PropertySetRequest,
  PropertyUnsetRequest,
  ConfigSetRequest,
  JvmRequest,
  JavaRequest,
  ReleaseRequest,
  CommerceRequest,
]);
export type MaintenanceRequest = z.infer<typeof MaintenanceRequest>;
export type ChangeKind = MaintenanceRequest['kind'];
