import { canonicalJson } from '../plan/canonical-json.ts';
import type { ClusterFacts } from './cluster-facts.ts';
import { normalisedPatches, type NodeFacts } from './node-facts.ts';

export interface FactsGroup {
  /** In the order given. */
  readonly nodes: readonly string[];
  readonly facts: ClusterFacts;
}

/** `nodes` grouped by equal facts (patch order does not count), groups in the order of their first node. */
export function groupNodesByFacts(nodeFacts: NodeFacts, nodes: readonly string[]): FactsGroup[] {
  const groups = new Map<string, { nodes: string[]; facts: ClusterFacts }>();
  for (const node of nodes) {
    const facts = nodeFacts[node] ?? {};
    const key = canonicalJson({ ...facts, patches: facts.patches === undefined ? undefined : normalisedPatches(facts.patches) });
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { nodes: [node], facts });
    else group.nodes.push(node);
  }
  return [...groups.values()];
}
