import type { ApprovalPolicy } from '../../domain/approval/approval-policy.ts';
import type { EligibilityPolicy } from '../../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import type { ClusterSpec } from '../../domain/plan/cluster-spec.ts';
import type { ArtifactSource, Clock, HealthProbe, Logger, NodeExecutor, NodeTarget, ProgressNotifier, RolloutStore } from '../ports.ts';

/** Everything the bot knows about one cluster of the inventory. */
export interface ClusterRuntime {
  readonly spec: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Declared in the inventory; probed facts win key by key. */
  readonly declaredFacts: ClusterFacts;
  readonly eligibility: EligibilityPolicy;
  readonly approval: ApprovalPolicy;
}

export interface ServiceDeps {
  readonly store: RolloutStore;
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  readonly catalog: PatchCatalog;
  readonly executor: NodeExecutor;
  readonly artifacts: ArtifactSource;
  readonly healthProbe: HealthProbe;
  readonly notifier: ProgressNotifier;
  readonly clock: Clock;
  readonly log: Logger;
  readonly newId: () => string;
  /** How often waits poll what cannot be followed as a stream. */
  readonly pollIntervalMs: number;
  /** Read patches and Java from the nodes before every verdict (true in production). */
  readonly probe: boolean;
}
