import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import type { NodeState, RolloutState } from '../../src/domain/rollout/rollout-state.ts';
import type { ScriptedCluster } from '../fakes/scripted-cluster.ts';
import type { NodeCommandKind } from '../fakes/recognise-node-command.ts';

/** Commands that change a node (or its place in the load balancer): everything but looking. */
export const CHANGING: readonly NodeCommandKind[] = ['stop', 'force-stop', 'drain', 'backup', 'patch-install', 'patch-revert', 'write-file', 'restore', 'reinstall-patches', 'start', 'enable'];

/** The changing work done on a node from `since` on, in order. */
export const changesOn = (nodes: ScriptedCluster, node: string, since = 0): NodeCommandKind[] => nodes.did(node, since).filter((k) => CHANGING.includes(k));

/** Each node's status, whether it has the change and whether it is done, as one readable value. */
export const nodeSummary = (state: RolloutState): Record<string, Pick<NodeState, 'status' | 'changed' | 'done'>> =>
  Object.fromEntries(Object.entries(state.nodes).map(([node, n]) => [node, { status: n.status, changed: n.changed, done: n.done }]));

export const eventsOf = <T extends RolloutEvent['type']>(events: readonly RolloutEvent[], type: T): Extract<RolloutEvent, { type: T }>[] =>
  events.filter((e): e is Extract<RolloutEvent, { type: T }> => e.type === type);

/** The steps that ran (StepStarted ids), in order. */
export const stepsRun = (events: readonly RolloutEvent[]): string[] => eventsOf(events, 'StepStarted').map((e) => e.stepId);
