import type { ClusterRuntime } from '../app/requests/service-deps.ts';
import { clusterSpecOf, nodeTargetsOf } from './cluster-spec-of.ts';
import type { Inventory } from './inventory.ts';

/** Every inventory cluster as the bot's services see it. */
export function clusterRuntimesOf(inventory: Inventory): Map<string, ClusterRuntime> {
  return new Map(
    Object.entries(inventory.clusters).map(([name, cluster]) => [
      name,
      {
        spec: clusterSpecOf(name, cluster),
        targets: nodeTargetsOf(cluster),
        declaredFacts: { ...(cluster.facts ?? {}) },
        eligibility: { allowRollingPatchRelease: cluster.allowRollingPatchRelease },
        afterRestart: cluster.afterRestart,
        approval: {
          approverUserIds: cluster.approvers.users,
          approverGroupIds: cluster.approvers.groups,
          allowSelfApproval: cluster.allowSelfApproval,
          approvalTtlMinutes: cluster.approvalTtlMinutes,
          channels: cluster.channels,
          cluster: name,
        },
      },
    ]),
  );
}
