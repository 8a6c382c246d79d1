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
  /** What a restart does with a rollout it finds running: go on by itself, or hold and ask. */
  readonly afterRestart: 'resume' | 'ask';
}

/** The runs this process is carrying out now (rollout id -> its end), for shutdown and recovery. */
export type ActiveRuns = Map<string, Promise<unknown>>;

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
  /** This process as a rollout owner (`bot:user@host:pid`), and how long its leases last. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Whether the process named by an owner id is gone for sure (same host, no such process). */
  readonly ownerIsGone: (owner: string) => boolean;
  /**
   * Set when the process is stopping: runs stop after the node in progress (`shutdown`, resumed at
   * the next start), or as `as` says (the CLI's Ctrl-C pauses, a second one aborts).
   */
  readonly shutdown: { requested: boolean; as?: { readonly cause: 'pause' | 'abort'; readonly by: string } | undefined };
  readonly runs: ActiveRuns;
}
