import type { ChangeNeed } from './change-need.ts';
import type { SkippedNode } from './rollout-plan.ts';

export interface NodesNeeding {
  /** The nodes the change is planned for, in inventory order. */
  readonly needing: readonly string[];
  /** Nodes already in the requested state: left out of the plan, with the reason. */
  readonly skipped: readonly SkippedNode[];
  /** Nodes planned although it could not be told whether they need it: said in the verdict. */
  readonly unsure: readonly SkippedNode[];
}

/** Splits the cluster's nodes (inventory order) by what each node's check found; a node without an answer needs the change. */
export function nodesNeeding(nodes: readonly string[], needs: ReadonlyMap<string, ChangeNeed>): NodesNeeding {
  const needing: string[] = [];
  const skipped: SkippedNode[] = [];
  const unsure: SkippedNode[] = [];
  for (const node of nodes) {
    const need = needs.get(node);
    if (need?.kind === 'done') {
      skipped.push({ node, reason: need.detail });
      continue;
    }
    needing.push(node);
    if (need?.kind === 'unknown') unsure.push({ node, reason: need.detail });
  }
  return { needing, skipped, unsure };
}
