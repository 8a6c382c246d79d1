import { listRequests, type ListedRequest } from './list-requests.ts';
import { lookAtNodes, type NodeLook } from './look-at-nodes.ts';
import type { ServiceDeps } from './service-deps.ts';

export interface RequestsOverview {
  readonly requests: readonly ListedRequest[];
  /** `status` only: every node of the cluster(s), looked at now. */
  readonly looks: readonly { readonly cluster: string; readonly nodes: readonly NodeLook[] }[] | undefined;
}

/** `status [cluster]`: where the nodes are now (a fresh look) and what is open, running or held; `history [cluster]`: the latest requests. */
export async function requestsOverview(
  kind: 'status' | 'history',
  cluster: string | undefined,
  deps: Pick<ServiceDeps, 'store' | 'clusters' | 'executor' | 'healthProbe'>,
): Promise<RequestsOverview> {
  if (kind === 'history') return { requests: listRequests('history', cluster, deps.store), looks: undefined };
  const names = cluster === undefined ? [...deps.clusters.keys()] : [cluster];
  const looks = await Promise.all(names.map(async (name) => ({ cluster: name, nodes: await lookAtNodes(name, deps) })));
  return { requests: listRequests('status', cluster, deps.store), looks };
}
