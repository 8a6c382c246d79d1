import type { VerdictKind } from '../eligibility/verdict.ts';
import type { NodeFacts } from '../liferay/node-facts.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import type { PlanStep } from './rollout-step.ts';

export type Strategy = 'rolling' | 'full-shutdown';

/** An artifact the change needs, as found in the artifact folder when the plan was made. */
export interface PlanArtifact {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A node the plan leaves unchanged because it already is in the requested state. */
export interface SkippedNode {
  readonly node: string;
  /** Read after the node's name: `node1: already has dxp-14-7110`. */
  readonly reason: string;
}

/** The whole rollout as plain data: printable, hashable, storable before anything runs. */
export interface RolloutPlan {
  readonly cluster: string;
  readonly request: MaintenanceRequest;
  readonly verdict: VerdictKind;
  readonly strategy: Strategy;
  /** The nodes that will be changed, in inventory order (a full shutdown stops and starts the skipped ones too). */
  readonly nodes: readonly string[];
  /** The cluster's other nodes, in inventory order, and why each needs nothing. */
  readonly skipped: readonly SkippedNode[];
  /**
   * Every node's facts the verdict rested on (inventory order): the runner's preflight compares
   * each node's probe with its entry (`preflightMismatch`). Plans stored before this field existed
   * lack it: read it as `plan.nodeFacts ?? {}`.
   */
  readonly nodeFacts: NodeFacts;
  readonly artifacts: readonly PlanArtifact[];
  readonly steps: readonly PlanStep[];
  /**
   * The estimate with no history (TYPICAL_NODE_MINUTES a restarted node), kept in the hashed plan
   * so stored plans keep their hash. Messages show `expectedDuration`, learned from the cluster's
   * past rollouts: a duration learned afresh must not change the plan an approval is bound to.
   */
  readonly expectedMinutes: number;
  /** SHA-256 of everything above: an approval is bound to it. */
  readonly hash: string;
}
