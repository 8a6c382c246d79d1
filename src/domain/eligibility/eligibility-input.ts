import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import type { ArtifactInspection } from '../liferay/jar/inspect-artifact.ts';
import type { PatchCatalog } from '../liferay/patch-catalog.ts';
import type { Result } from '../result.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';

/** Answers a requester gave to earlier questions (Slack buttons, or the CLI's flags). */
export interface Answers {
  /** Patch ids the requester confirmed as revertible (unknown fix packs ending in zero). */
  readonly revertible?: readonly string[];
  /** The requester confirmed the nodes already run the target's Java major. */
  readonly javaSameMajor?: boolean;
}

/** Operator policy that changes what counts as rolling-safe (from the inventory). */
export interface EligibilityPolicy {
  /** LIFERAY.md §1: an operator may allow patch releases within one quarter by rolling restart. */
  readonly allowRollingPatchRelease?: boolean;
}

/**
 * What earlier rollouts say about this cluster's fix pack levels: where `fixpack revert X` goes back
 * to. Built from the rollout records by the app (`fixpackHistoryOf`); the facts' `fixpackBefore`
 * (declared by the operator) wins over it entry by entry.
 */
export interface FixpackHistory {
  /** Fix pack id -> the fix pack installed just before it, `null` when there was none (GA). */
  readonly fixpackBefore: Readonly<Record<string, string | null>>;
}

export const NO_HISTORY: FixpackHistory = { fixpackBefore: {} };

/**
 * What the JAR inspector found in the request's module/plugin files, by file name (the app reads
 * them from the artifact folder against the facts' `modules`); a read error carries the reason.
 * Empty when nothing was inspected: the schema rule then rests on the `--schema` declaration.
 */
export type ArtifactEvidence = Readonly<Record<string, Result<ArtifactInspection, string>>>;

export const NO_EVIDENCE: ArtifactEvidence = {};

/** Everything a rule may look at; `catalog` already includes the facts' `nonRevertible`. */
export interface EligibilityInput {
  readonly request: MaintenanceRequest;
  readonly facts: ClusterFacts;
  readonly catalog: PatchCatalog;
  readonly answers: Answers;
  readonly policy: EligibilityPolicy;
  readonly history: FixpackHistory;
  readonly artifacts?: ArtifactEvidence;
}
