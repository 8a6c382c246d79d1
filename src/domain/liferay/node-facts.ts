import { canonicalJson } from '../plan/canonical-json.ts';
import { parsePatchId } from './patch-id.ts';
import type { ClusterFacts } from './cluster-facts.ts';

/** Each node's facts by node name, in inventory order (what a per-node probe found). */
export type NodeFacts = Readonly<Record<string, ClusterFacts>>;

/** Patch ids normalised (lower case) and sorted, so the same installation always compares equal. */
export function normalisedPatches(patches: readonly string[]): string[] {
  return patches.map((p) => parsePatchId(p)?.id ?? p.trim().toLowerCase()).sort();
}

/** A fact as comparable text: patches in a fixed order; `undefined` when the fact is not known. */
export function factText(facts: ClusterFacts, key: keyof ClusterFacts): string | undefined {
  const value = facts[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return normalisedPatches(value).join(', ');
  // A map (fixpackBefore, modules, digests): compared with its keys in a fixed order.
  return typeof value === 'string' ? value : canonicalJson(value);
}
