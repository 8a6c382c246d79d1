import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { isSecretKey, MASKED } from './mask-secret.ts';

/** What one key does on a node, against the value it has now. Values are already masked where the key names a secret. */
export type SettingChange =
  | { readonly kind: 'changed'; readonly from: string; readonly to: string }
  /** The node has no value for the key. */
  | { readonly kind: 'added'; readonly to: string }
  /** `property unset` of a key the node has. */
  | { readonly kind: 'removed'; readonly from: string }
  /** A no-op on this node: the same value already (undefined: an unset key the node does not have). */
  | { readonly kind: 'unchanged'; readonly value: string | undefined };

/** The nodes that see the same change of a key. */
export interface NodesChange {
  readonly nodes: readonly string[];
  readonly change: SettingChange;
}

export interface KeyDiff {
  readonly key: string;
  /** The value asked for (masked where the key names a secret); undefined for `property unset`. */
  readonly to: string | undefined;
  /** The key names a secret: every value of it is shown as MASKED. */
  readonly masked: boolean;
  /**
   * The read nodes grouped by their current value, in node order: one group when they all have
   * the same value, one per value when they differ; empty when no node was read.
   */
  readonly byNodes: readonly NodesChange[];
}

/** A property or OSGi config request against the nodes' current values: what the verdict shows. */
export interface SettingDiff {
  /** The file the change edits, relative to LIFERAY_HOME: `portal-ext.properties`, `osgi/configs/<pid>.config`. */
  readonly file: string;
  readonly keys: readonly KeyDiff[];
  /** Nodes whose current values were not read (the nodes were not probed, or the file could not be read), in node order. */
  readonly unread: readonly string[];
}

/** A node's current values of the request's keys, as its file has them: a key not in the map is not set. */
export type CurrentSettings = ReadonlyMap<string, string>;

/** The file a request edits and its keys with the values asked for (undefined: unset); undefined for other kinds. */
export function settingTarget(request: MaintenanceRequest): { readonly file: string; readonly keys: ReadonlyArray<readonly [string, string | undefined]> } | undefined {
  if (request.kind === 'property') {
    return request.action === 'set'
      ? { file: 'portal-ext.properties', keys: request.settings.map((s) => [s.key, s.value] as const) }
      : { file: 'portal-ext.properties', keys: request.keys.map((k) => [k, undefined] as const) };
  }
  if (request.kind === 'config') return { file: `osgi/configs/${request.pid}.config`, keys: request.settings.map((s) => [s.key, s.value] as const) };
  return undefined;
}

function changeOf(from: string | undefined, to: string | undefined, mask: (value: string) => string): SettingChange {
  if (from === to) return { kind: 'unchanged', value: from === undefined ? undefined : mask(from) };
  if (to === undefined) return { kind: 'removed', from: mask(from ?? '') };
  if (from === undefined) return { kind: 'added', to: mask(to) };
  return { kind: 'changed', from: mask(from), to: mask(to) };
}

/**
 * The request's keys against each node's current values (`current`, by node name; a node not in
 * it was not read). Nodes are grouped by their raw current value, so nodes that differ are shown
 * node by node even where the values are masked; values leave this function masked where the key
 * names a secret (`isSecretKey`). Undefined for requests that set no property or config key.
 * The last of a key given twice wins, as when the file is edited.
 */
export function settingDiff(request: MaintenanceRequest, nodes: readonly string[], current: ReadonlyMap<string, CurrentSettings>): SettingDiff | undefined {
  const target = settingTarget(request);
  if (target === undefined) return undefined;
  const wanted = new Map(target.keys);
  const read = nodes.filter((n) => current.has(n));
  const keys = [...wanted].map(([key, to]): KeyDiff => {
    const masked = isSecretKey(key);
    const mask = (value: string): string => (masked ? MASKED : value);
    const groups = new Map<string | undefined, string[]>();
    for (const node of read) {
      const value = current.get(node)?.get(key);
      groups.set(value, [...(groups.get(value) ?? []), node]);
    }
    const byNodes = [...groups].map(([from, names]) => ({ nodes: names, change: changeOf(from, to, mask) }));
    return { key, to: to === undefined ? undefined : mask(to), masked, byNodes };
  });
  return { file: target.file, keys, unread: nodes.filter((n) => !current.has(n)) };
}
