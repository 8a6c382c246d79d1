import type { ChangeAction } from './change-action.ts';
import type { ClusterSpec, NodeSpec } from './cluster-spec.ts';
import type { PlanStep, StepAction, StepPhase } from './rollout-step.ts';
import { touchedPaths } from './change-action-for.ts';

/** `node2/stop`, or `node2/stop#restore` for the steps a plan does not list. */
export function planStep(node: NodeSpec, phase: StepPhase, action: StepAction, title: string, suffix = ''): PlanStep {
  return { id: `${node.name}/${action.kind}${suffix}`, node: node.name, phase, action, title };
}

/**
 * Start a stopped node and wait until it is really back: the startup line written after this start,
 * HTTP 200, the cluster view with `members` members held for the settle window, then the load balancer. The one bring-up
 * sequence: the plan, a restore and a recovery all use it.
 */
export function bringUpSteps(node: NodeSpec, health: ClusterSpec['health'], members: number, phase: StepPhase = 'node', suffix = ''): PlanStep[] {
  return [
    planStep(node, phase, { kind: 'start', command: node.commands.start }, `start ${node.name}`, suffix),
    ...healthGateSteps(node, health, members, phase, suffix),
  ];
}

/** The gates of the bring-up without the start itself (for a node that is already running). */
export function healthGateSteps(node: NodeSpec, health: ClusterSpec['health'], members: number, phase: StepPhase = 'node', suffix = ''): PlanStep[] {
  return [
    planStep(node, phase, { kind: 'wait-started', logLine: health.startupLogLine, timeoutSeconds: health.startTimeoutSeconds }, `wait for "${health.startupLogLine}" in ${node.name}'s catalina.out`, suffix),
    planStep(node, phase, { kind: 'wait-healthy', url: node.healthUrl, timeoutSeconds: health.healthTimeoutSeconds }, `wait for HTTP 200 from ${node.healthUrl}`, suffix),
    planStep(
      node,
      phase,
      { kind: 'wait-cluster', members, timeoutSeconds: health.clusterTimeoutSeconds, settleSeconds: health.clusterSettleSeconds },
      `wait until ${node.name} sees a cluster of ${members} member${members === 1 ? '' : 's'}, held for ${health.clusterSettleSeconds} s`,
      suffix,
    ),
    ...(node.commands.enable === undefined ? [] : [planStep(node, phase, { kind: 'enable', command: node.commands.enable }, `put ${node.name} back into the load balancer`, suffix)]),
  ];
}

/** Take a node out of the load balancer (if configured) and stop it. */
export function takeDownSteps(node: NodeSpec, health: ClusterSpec['health'], phase: StepPhase = 'node', suffix = ''): PlanStep[] {
  return [
    ...(node.commands.drain === undefined ? [] : [planStep(node, phase, { kind: 'drain', command: node.commands.drain }, `take ${node.name} out of the load balancer`, suffix)]),
    planStep(
      node,
      phase,
      { kind: 'stop', command: node.commands.stop, forceCommand: node.commands.forceStop, timeoutSeconds: health.stopTimeoutSeconds },
      `stop ${node.name} (force after ${health.stopTimeoutSeconds} s)`,
      suffix,
    ),
  ];
}

/**
 * The way back for one node, for every change kind: take it down, put back the files the change
 * touched from the rollout's backup (and Patching Tool's state), bring it up. Used after a failed
 * step (`#restore`), to roll back a node that has the change (`#rollback`) and after a restart.
 */
export function restoreSteps(node: NodeSpec, change: ChangeAction, health: ClusterSpec['health'], members: number, suffix: '#restore' | '#rollback' | '#recover'): PlanStep[] {
  return [
    ...takeDownSteps(node, health, 'node', suffix),
    planStep(node, 'node', { kind: 'restore', change }, `put back ${touchedPaths(change).join(', ')} on ${node.name} from its backup`, suffix),
    ...bringUpSteps(node, health, members, 'node', suffix),
  ];
}
