import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { describeRequest } from '../../../domain/request/describe-request.ts';
import { inverseRequest } from '../../../domain/rollout/inverse-request.ts';
import type { NodeStatus, RolloutState } from '../../../domain/rollout/rollout-state.ts';
import { code, escapeMrkdwn } from './mrkdwn.ts';

/** What a node's last status means once the rollout has stopped. */
function standing(status: NodeStatus): string {
  switch (status) {
    case 'healthy':
    case 'verified':
      return 'updated';
    case 'waiting':
    case 'checking':
    case 'ready':
      return 'untouched';
    case 'restored':
      return 'restored to its backup';
    case 'failed':
      return 'failed, left as it is';
    case 'restoring':
      return 'was being restored when it stopped: check it';
    case 'stopping':
    case 'updating':
    case 'starting':
      return `left ${status}: check it`;
  }
}

const MAX_NAMES = 10;

function names(nodes: readonly string[]): string {
  const shown = nodes.slice(0, MAX_NAMES).map(escapeMrkdwn).join(', ');
  return nodes.length > MAX_NAMES ? `${shown} and ${nodes.length - MAX_NAMES} more` : shown;
}

/** Plan nodes in order, then any node only the state knows. */
export function orderedNodes(plan: RolloutPlan, state: RolloutState): string[] {
  return [...plan.nodes, ...Object.keys(state.nodes).filter((n) => !plan.nodes.includes(n))];
}

/** `node1 updated; node2 restored to its backup; node3, node4 untouched`, nodes grouped by what happened to them. */
export function whereThingsStand(plan: RolloutPlan, state: RolloutState): string {
  const groups = new Map<string, string[]>();
  for (const node of orderedNodes(plan, state)) {
    const key = standing(state.nodes[node]?.status ?? 'waiting');
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  return [...groups].map(([what, nodes]) => `${names(nodes)} ${what}`).join('; ');
}

/** What to do now that the rollout stopped: undo on the updated nodes, or fix and ask again. */
export function wayBack(plan: RolloutPlan, state: RolloutState): string {
  const updated = orderedNodes(plan, state).filter((n) => ['healthy', 'verified'].includes(state.nodes[n]?.status ?? 'waiting'));
  const inverse = inverseRequest(plan.request);
  const undo =
    updated.length === 0
      ? 'No node was changed for good, so there is nothing to undo.'
      : `To go back on ${names(updated)}: ${
          inverse === undefined
            ? 'restore the backup each of them got before the change, or request the previous state'
            : `ask for ${code(`/liferay ${describeRequest(inverse)}`)}`
        }.`;
  const where = state.failure === undefined ? '' : ` on ${escapeMrkdwn(state.failure.node)}`;
  return `Nothing more runs on its own. ${undo} To finish instead: fix the cause${where}, then ask again with ${code(`/liferay ${describeRequest(plan.request)}`)}.`;
}
