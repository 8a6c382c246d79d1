import type { ApprovalPolicy } from '../../domain/approval/approval-policy.ts';
import type { EligibilityPolicy } from '../../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { PatchCatalog } from '../../domain/liferay/patch-catalog.ts';
import type { ClusterSpec } from '../../domain/plan/cluster-spec.ts';
import type { ArtifactReader, ArtifactSource, Clock, HealthProbe, Logger, NodeExecutor, NodeTarget, ProgressNotifier, RolloutStore } from '../ports.ts';
import type { WarmFacts } from '../facts-cache.ts';
import type { RunOwnership } from '../run-ownership.ts';

/** Approvers named so Slack notifies them (`mention`), also sent a direct message (`dm`), or named without a notification (`none`). */
export type ApproverNotice = 'mention' | 'dm' | 'none';

/** Everything the bot knows about one cluster of the inventory. */
export interface ClusterRuntime {
  readonly spec: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Declared in the inventory; probed facts win key by key. */
  readonly declaredFacts: ClusterFacts;
  readonly eligibility: EligibilityPolicy;
  readonly approval: ApprovalPolicy;
  /** What a restart does with a rollout it finds running: go on by itself, or hold and ask. */
  readonly afterRestart: 'resume' | 'ask';
  /** How the approvers hear of a request waiting for them (the inventory's `notify`). */
  readonly notify: ApproverNotice;
  /** Marked `production: true` in the inventory: approving asks for a confirmation first. */
  readonly production: boolean;
}

/**
 * Every port and setting the use cases read, as a composition builds them in full (compose-bot).
 * No use case takes it whole: each declares the part it reads beside it (`SubmitDeps`,
 * `ApproveDeps`, `ControlDeps`, ...), and a use case that calls another passes on only that part.
 */
export interface ServiceDeps {
  readonly store: RolloutStore;
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  readonly catalog: PatchCatalog;
  readonly executor: NodeExecutor;
  readonly artifacts: ArtifactSource;
  /** The JAR inspector's reader over the artifact folder (module/plugin verdicts); left out, verdicts rest on `--schema`. */
  readonly artifactReader?: ArtifactReader;
  readonly healthProbe: HealthProbe;
  readonly notifier: ProgressNotifier;
  readonly clock: Clock;
  readonly log: Logger;
  readonly newId: () => string;
  /** How often waits poll what cannot be followed as a stream. */
  readonly pollIntervalMs: number;
  /** Read patches and Java from the nodes before every verdict (true in production). */
  readonly probe: boolean;
  /** Each cluster's facts kept warm (`FactsCache`): a new request's verdict uses them when young enough. */
  readonly warmFacts?: WarmFacts;
  /** This process as a rollout owner: its id and leases, its shutdown and the runs it carries out. */
  readonly ownership: RunOwnership;
}
