import type { Answers } from '../../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Result } from '../../domain/result.ts';
import { fixpackHistoryFilter, fixpackHistoryOf } from '../fixpack-history-of.ts';
import { prepareRollout, type PrepareDeps, type PreparedRollout } from '../prepare-rollout.ts';
import type { WarmFacts } from '../facts-cache.ts';
import type { ClusterRuntime, ServiceDeps } from './service-deps.ts';

/** What a verdict reads: the catalog, the cluster's records (fix pack history), whether to probe, and what preparing reads. */
export type EvaluateDeps = Pick<ServiceDeps, 'catalog' | 'store' | 'probe'> & PrepareDeps;

/**
 * Verdict and plan for a request on a cluster: probes the nodes first (when the bot probes).
 * `knownFacts` (an earlier verdict's facts, with the requester's answers) replace the declared
 * ones; the nodes are still probed, node by node, so a cluster whose nodes differ is judged per node.
 * The cluster's rollout records say where a fix pack revert goes back to. With `warm` (a new
 * request's verdict, never an approval's), facts young enough stand in for the probe, and a probe
 * the verdict had to make itself is left there for the next one.
 */
export async function evaluateRequest(
  request: MaintenanceRequest,
  cluster: ClusterRuntime,
  answers: Answers,
  deps: EvaluateDeps,
  knownFacts?: ClusterFacts,
  warm?: WarmFacts,
): Promise<Result<PreparedRollout, string>> {
  const ticket = warm?.begin(request.cluster);
  const kept = deps.probe ? warm?.fresh(request.cluster) : undefined;
  const prepared = await prepareRollout(
    {
      request,
      cluster: cluster.spec,
      targets: cluster.targets,
      declaredFacts: knownFacts ?? cluster.declaredFacts,
      catalog: deps.catalog,
      policy: cluster.eligibility,
      answers,
      history: fixpackHistoryOf(deps.store.list(fixpackHistoryFilter(request.cluster))),
      probe: deps.probe,
      ...(kept === undefined ? {} : { warm: kept }),
    },
    deps,
  );
  if (prepared.ok && prepared.value.probed !== undefined) if (ticket !== undefined) warm?.remember(request.cluster, prepared.value.probed, ticket);
  return prepared;
}
