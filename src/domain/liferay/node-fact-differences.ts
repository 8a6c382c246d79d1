import { factText, type NodeFacts } from './node-facts.ts';

export interface FactDifference {
  readonly fact: 'patches' | 'java';
  /** Nodes grouped by value, in inventory order: `node1: dxp-14-7110; node2, node3: dxp-13-7110`. */
  readonly byNode: string;
}

/** How the nodes differ: one entry per probed fact (patches, Java) that is not the same on every node; empty when uniform. */
export function nodeFactDifferences(nodeFacts: NodeFacts): FactDifference[] {
  const out: FactDifference[] = [];
  for (const fact of ['patches', 'java'] as const) {
    const groups = new Map<string, string[]>();
    for (const [node, facts] of Object.entries(nodeFacts)) {
      const raw = factText(facts, fact);
      const text = raw === undefined ? 'unknown' : raw === '' ? 'none' : raw;
      groups.set(text, [...(groups.get(text) ?? []), node]);
    }
    if (groups.size > 1) out.push({ fact, byNode: [...groups].map(([text, nodes]) => `${nodes.join(', ')}: ${text}`).join('; ') });
  }
  return out;
}
