import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { shownRequestText } from '../../../domain/liferay/shown-request-text.ts';
import { inverseRequest } from '../../../domain/rollout/inverse-request.ts';
import type { RolloutState } from '../../../domain/rollout/rollout-state.ts';
import { nodesOf, whereNodesStand } from '../../../domain/rollout/where-nodes-stand.ts';
import { code, escapeMrkdwn } from './mrkdwn.ts';

/** Plan nodes in order, then any node only the state knows. */
export function orderedNodes(plan: RolloutPlan, state: RolloutState): string[] {
  return nodesOf(plan.nodes, state);
}

/** `node1 updated and healthy; node2 put back as it was; node3, node4 untouched`, nodes grouped by what happened to them. */
export function whereThingsStand(plan: RolloutPlan, state: RolloutState): string {
  return whereNodesStand(plan.nodes, state, escapeMrkdwn);
}

const MAX_NAMES = 10;

function names(nodes: readonly string[]): string {
  const shown = nodes.slice(0, MAX_NAMES).map(escapeMrkdwn).join(', ');
  return nodes.length > MAX_NAMES ? `${shown} and ${nodes.length - MAX_NAMES} more` : shown;
}

/** What to do now that the rollout stopped: undo on the updated nodes, or fix and ask again. */
export function wayBack(plan: RolloutPlan, state: RolloutState): string {
  const updated = orderedNodes(plan, state).filter((n) => state.nodes[n]?.changed === true);
  const inverse = inverseRequest(plan.request);
  const undo =
    updated.length === 0
      ? 'No node was changed for good, so there is nothing to undo.'
      : `To go back on ${names(updated)}: ${
          inverse === undefined
            ? 'restore the backup each of them got before the change, or request the previous state'
            : `ask for ${code(`/liferay ${shownRequestText(inverse)}`)}`
        }.`;
  const where = state.failure === undefined ? '' : ` on ${escapeMrkdwn(state.failure.node)}`;
  return `Nothing more runs on its own. ${undo} To finish instead: fix the cause${where}, then ask again with ${code(`/liferay ${shownRequestText(plan.request)}`)}.`;
}
