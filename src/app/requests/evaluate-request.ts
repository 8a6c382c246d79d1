import type { Answers } from '../../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Result } from '../../domain/result.ts';
import { fixpackHistoryOf } from '../fixpack-history-of.ts';
import { prepareRollout, type PreparedRollout } from '../prepare-rollout.ts';
import type { ClusterRuntime, ServiceDeps } from './service-deps.ts';

/**
 * Verdict and plan for a request on a cluster: probes the nodes (unless facts are given) first; the
 * cluster's rollout records say where a fix pack revert goes back to.
 */
export function evaluateRequest(
  request: MaintenanceRequest,
  cluster: ClusterRuntime,
  answers: Answers,
  deps: ServiceDeps,
  knownFacts?: ClusterFacts,
): Promise<Result<PreparedRollout, string>> {
  return prepareRollout(
    {
      request,
      cluster: cluster.spec,
      targets: cluster.targets,
      declaredFacts: knownFacts ?? cluster.declaredFacts,
      catalog: deps.catalog,
      policy: cluster.eligibility,
      answers,
      history: fixpackHistoryOf(deps.store.list({ cluster: request.cluster })),
      probe: knownFacts === undefined && deps.probe,
    },
    deps,
  );
}
