import { TYPICAL_NODE_MINUTES } from '../../domain/plan/build-plan.ts';
import { restartedNodes } from '../../domain/plan/restarted-nodes.ts';
import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import type { SucceededRun } from '../ports.ts';
import type { ServiceDeps } from './service-deps.ts';

/** How many of the cluster's latest one-run successes the per-node time is learned from. */
export const RECENT_RUNS = 10;

/**
 * How long a plan should take, and from what: `history` (the median per-node time of the cluster's
 * recent successful rollouts) or `estimate` (no usable history: TYPICAL_NODE_MINUTES a node).
 */
export interface ExpectedDuration {
  readonly basis: 'history' | 'estimate';
  readonly cluster: string;
  /** The nodes the plan stops and starts (a full shutdown: all of them). */
  readonly nodes: number;
  readonly perNodeMs: number;
  readonly totalMs: number;
  /** Past rollouts the per-node time comes from (0 for an estimate). */
  readonly samples: number;
}

/** What the estimate reads: the cluster's past rollouts. */
export type ExpectedDurationDeps = Pick<ServiceDeps, 'store'>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A past run's time per node it restarted; undefined when it restarted none or took no time (nothing to learn). */
function perNodeOf(run: SucceededRun): number | undefined {
  const nodes = restartedNodes(run.plan).length;
  return nodes > 0 && run.durationMs > 0 ? run.durationMs / nodes : undefined;
}

/** From past runs (the newest first, as the store gives them): the expected duration of `plan`. */
export function durationFrom(plan: RolloutPlan, past: readonly SucceededRun[]): ExpectedDuration {
  const nodes = restartedNodes(plan).length;
  const perNode = past.slice(0, RECENT_RUNS).flatMap((run) => {
    const ms = perNodeOf(run);
    return ms === undefined ? [] : [ms];
  });
  const basis = perNode.length > 0 ? 'history' : 'estimate';
  const perNodeMs = Math.round(basis === 'history' ? median(perNode) : TYPICAL_NODE_MINUTES * 60_000);
  return { basis, cluster: plan.cluster, nodes, perNodeMs, totalMs: perNodeMs * nodes, samples: perNode.length };
}

/**
 * The plan's expected duration, learned from its cluster's last RECENT_RUNS rollouts that
 * succeeded in one run: their median time per restarted node, times the nodes this plan restarts
 * (rolling: the changed nodes one after another; full shutdown: every node, in the procedure's
 * order, which the runner also walks one step at a time). No such rollout: the flat estimate.
 */
export function expectedDuration(plan: RolloutPlan, deps: ExpectedDurationDeps): ExpectedDuration {
  return durationFrom(plan, deps.store.succeededRuns(plan.cluster, RECENT_RUNS));
}
