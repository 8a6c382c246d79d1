import { isApprover, type Actor } from '../../domain/approval/approval-policy.ts';
import { LOCKING, type RolloutRecord, type RolloutStatus } from '../rollout-record.ts';
import { listRequests, type ListedRequest } from './list-requests.ts';
import type { LastLook } from './node-look-cache.ts';
import type { ServiceDeps } from './service-deps.ts';

/** One cluster on someone's Home: may they ask for it (where), approve for it, how its nodes looked last, what runs on it. */
export interface HomeCluster {
  readonly name: string;
  /** Channels that take requests for it. */
  readonly requestChannels: readonly string[];
  readonly approves: boolean;
  /** The last look at its nodes; undefined when none was taken yet. */
  readonly look: LastLook | undefined;
  /** The rollout that holds the cluster (approved, running or stopped and waiting for a decision). */
  readonly active: ListedRequest | undefined;
}

export interface HomeOverview {
  readonly clusters: readonly HomeCluster[];
  /** The latest rollouts (those that ran) on these clusters, newest first. */
  readonly recent: readonly RolloutRecord[];
}

/** What Home reads: the clusters and the store. */
export type HomeDeps = Pick<ServiceDeps, 'clusters' | 'store' | 'clock'>;

/** Statuses of a request that ran (or runs): the history Home shows. */
const RAN: readonly RolloutStatus[] = ['running', 'succeeded', 'failed', 'paused', 'interrupted', 'rolled-back', 'left-as-is'];
const RECENT = 5;

/** Every group id any cluster lets approve: what to resolve the viewer's memberships against. */
export function approverGroupIds(deps: Pick<ServiceDeps, 'clusters'>): string[] {
  return [...new Set([...deps.clusters.values()].flatMap((c) => c.approval.approverGroupIds))];
}

/**
 * App Home for `viewer`: the clusters they may request (any that takes requests in some channel)
 * or approve, each with its last node look (from `lookOf`), its active rollout, and the last five
 * rollouts of those clusters.
 */
export function homeOverview(viewer: Actor, lookOf: (cluster: string) => LastLook | undefined, deps: HomeDeps): HomeOverview {
  const clusters: HomeCluster[] = [];
  for (const [name, cluster] of deps.clusters) {
    const approves = isApprover(cluster.approval, viewer);
    const requestChannels = cluster.approval.channels;
    if (!approves && requestChannels.length === 0) continue;
    const open = listRequests('status', name, deps.store, deps.clock.now());
    const active = open.find((r) => LOCKING.includes(r.record.status));
    clusters.push({ name, requestChannels, approves, look: lookOf(name), active });
  }
  const shown = new Set(clusters.map((c) => c.name));
  const recent = deps.store
    .list({ statuses: RAN, limit: RECENT * 10 })
    .filter((r) => shown.has(r.cluster))
    .slice(0, RECENT);
  return { clusters, recent };
}
