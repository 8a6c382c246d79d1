import type { NodeState, RolloutState } from './rollout-state.ts';

/** What a node's state means once a run has stopped, in words (channel-neutral). */
export function nodeStanding(node: NodeState | undefined): string {
  if (node === undefined) return 'untouched';
  if (node.done) return node.status === 'verified' ? 'updated and verified' : 'updated and healthy';
  switch (node.status) {
    case 'restored':
      return 'put back as it was and healthy';
    case 'rolled-back':
      return 'rolled back and healthy';
    case 'failed':
      return node.changed ? 'has the change but is NOT healthy: check it' : node.touched ? 'NOT healthy: check it' : 'failed a check, not changed';
    case 'restoring':
      return 'was being put back when the run stopped: check it';
    case 'stopping':
    case 'updating':
    case 'starting':
      return `left ${node.status}: check it`;
    case 'healthy':
    case 'verified':
      return node.changed ? 'has the change and is healthy, not yet verified' : 'running as before';
    case 'waiting':
    case 'checking':
    case 'ready':
      return node.changed ? 'has the change' : 'untouched';
  }
}

/** Plan nodes in order, then any node only the state knows. */
export function nodesOf(planNodes: readonly string[], state: RolloutState): string[] {
  return [...planNodes, ...Object.keys(state.nodes).filter((n) => !planNodes.includes(n))];
}

/** `node1 updated and healthy; node2 put back as it was and healthy; node3, node4 untouched`. */
export function whereNodesStand(planNodes: readonly string[], state: RolloutState, name: (node: string) => string = (n) => n): string {
  const groups = new Map<string, string[]>();
  for (const node of nodesOf(planNodes, state)) {
    const key = nodeStanding(state.nodes[node]);
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  const MAX = 10;
  const names = (nodes: readonly string[]): string => {
    const shown = nodes.slice(0, MAX).map(name).join(', ');
    return nodes.length > MAX ? `${shown} and ${nodes.length - MAX} more` : shown;
  };
  return [...groups].map(([what, nodes]) => `${names(nodes)} ${what}`).join('; ');
}
