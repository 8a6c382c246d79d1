import { listRequests, type ListedRequest } from './list-requests.ts';
import { lookAtNodes, type LookDeps, type NodeLook } from './look-at-nodes.ts';
import type { ServiceDeps } from './service-deps.ts';

export interface RequestsOverview {
  readonly requests: readonly ListedRequest[];
  /** `status` only: every node of the cluster(s), looked at now. */
  readonly looks: readonly { readonly cluster: string; readonly nodes: readonly NodeLook[] }[] | undefined;
}

/** What an overview reads: the store (the requests) and what a look at the nodes reads. */
export type OverviewDeps = Pick<ServiceDeps, 'store'> & LookDeps;

/** `status [cluster]`: where the nodes are now (a fresh look) and what is open, running or held; `history [cluster]`: the latest requests. */
export async function requestsOverview(
  kind: 'status' | 'history',
  cluster: string | undefined,
  deps: OverviewDeps,
): Promise<RequestsOverview> {
  if (kind === 'history') return { requests: listRequests('history', cluster, deps.store), looks: undefined };
  const names = cluster === undefined ? [...deps.clusters.keys()] : [cluster];
  const looks = await Promise.all(names.map(async (name) => ({ cluster: name, nodes: await lookAtNodes(name, deps) })));
  return { requests: listRequests('status', cluster, deps.store), looks };
}
