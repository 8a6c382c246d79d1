import type { VerdictKind } from '../eligibility/verdict.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import type { PlanStep } from './rollout-step.ts';

export type Strategy = 'rolling' | 'full-shutdown';

/** An artifact the change needs, as found in the artifact folder when the plan was made. */
export interface PlanArtifact {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The whole rollout as plain data: printable, hashable, storable before anything runs. */
export interface RolloutPlan {
  readonly cluster: string;
  readonly request: MaintenanceRequest;
  readonly verdict: VerdictKind;
  readonly strategy: Strategy;
  readonly nodes: readonly string[];
  readonly artifacts: readonly PlanArtifact[];
  readonly steps: readonly PlanStep[];
  /** Rough upper estimate from the configured time-outs' typical share, for the message. */
  readonly expectedMinutes: number;
  /** SHA-256 of everything above: an approval is bound to it. */
  readonly hash: string;
}
