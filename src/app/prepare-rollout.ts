import { evaluate } from '../domain/eligibility/evaluate.ts';
import type { Answers, EligibilityPolicy, FixpackHistory } from '../domain/eligibility/eligibility-input.ts';
import type { Verdict } from '../domain/eligibility/verdict.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { PatchCatalog } from '../domain/liferay/patch-catalog.ts';
import { buildPlan } from '../domain/plan/build-plan.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import { requiredArtifacts } from '../domain/plan/required-artifacts.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { ArtifactSource, NodeExecutor, NodeTarget } from './ports.ts';
import { probeCluster } from './probe-cluster.ts';

export interface PrepareInput {
  readonly request: MaintenanceRequest;
  readonly cluster: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Declared in the inventory (and facts file); probed facts win key by key. */
  readonly declaredFacts: ClusterFacts;
  readonly catalog: PatchCatalog;
  readonly policy: EligibilityPolicy;
  readonly answers?: Answers;
  /** Fix pack levels from this cluster's rollout records (`fixpackHistoryOf`): where a fix pack revert goes back to. */
  readonly history?: FixpackHistory;
  /** Read patches and Java from the nodes over SSH (the default for a real rollout). */
  readonly probe: boolean;
}

export interface PreparedRollout {
  readonly facts: ClusterFacts;
  readonly verdict: Verdict;
  /** Undefined when the verdict is an error or the plan cannot be made (see planError). */
  readonly plan: RolloutPlan | undefined;
  readonly planError: string | undefined;
}

/** Request -> facts -> verdict -> plan: what the CLI's plan/run and the Slack bot show before anything runs. */
export async function prepareRollout(input: PrepareInput, deps: { readonly executor: NodeExecutor; readonly artifacts: ArtifactSource }): Promise<Result<PreparedRollout, string>> {
  let facts: ClusterFacts = { ...input.declaredFacts, product: input.cluster.product };
  if (input.probe) {
    const probed = await probeCluster(input.cluster, input.targets, deps);
    if (!probed.ok) return err(`cannot read the cluster's state: ${probed.error}`);
    facts = { ...facts, ...probed.value };
  }
  const verdict = evaluate(input.request, facts, input.catalog, { policy: input.policy, ...(input.answers === undefined ? {} : { answers: input.answers }), ...(input.history === undefined ? {} : { history: input.history }) });
  if (verdict.type === 'error') return ok({ facts, verdict, plan: undefined, planError: verdict.message });
  const artifacts = await deps.artifacts.describe(requiredArtifacts(input.request, verdict.revertTo));
  if (!artifacts.ok) return ok({ facts, verdict, plan: undefined, planError: artifacts.error });
  const plan = buildPlan({ verdict, cluster: input.cluster, artifacts: artifacts.value });
  return ok({ facts, verdict, plan: plan.ok ? plan.value : undefined, planError: plan.ok ? undefined : plan.error });
}
