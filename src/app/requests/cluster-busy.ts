import type { ClusterLock, RolloutStore } from '../ports.ts';
import { HELD } from '../rollout-record.ts';
import { actor, command, text, type RichText } from '../../domain/text/rich-text.ts';

/** What the one asking is refused: approving another request, or asking for a new one. */
export type BusyPurpose = 'approve' | 'request';

const TAIL: Readonly<Record<BusyPurpose, string>> = {
  approve: 'One rollout per cluster at a time: approve this one when it has finished',
  request: 'One rollout per cluster at a time: ask again when it has finished',
};

/**
 * Why a cluster is busy, naming the rollout that holds it, its status and, for a new request, how to
 * look at it (`/liferay status prod`): a rollout is running (or is held and waits for a decision).
 */
export function clusterBusy(holder: ClusterLock, store: Pick<RolloutStore, 'get'>, purpose: BusyPurpose = 'approve'): RichText {
  let other;
  try {
    other = store.get(holder.rolloutId);
  } catch {
    other = undefined;
  }
  const look = purpose === 'request' ? text`. See it with ${command(`status ${holder.cluster}`)}` : [];
  if (other === undefined) return text`${holder.cluster} is busy with rollout ${holder.rolloutId}${look}. ${TAIL[purpose]}`;
  const who = other.decidedBy === undefined ? '' : text` (approved by ${actor(other.decidedBy)})`;
  const what = HELD.includes(other.status)
    ? `is ${other.status} and waits for a decision: resume, retry, roll back or leave it as it is (rollout ${other.id})`
    : `is ${other.status === 'approved' ? 'starting' : other.status} (rollout ${other.id})`;
  return text`${holder.cluster} is busy: \`${other.requestText}\`${who} ${what}${look}. ${TAIL[purpose]}`;
}

/** The rollout that holds `cluster` (running, starting, or held and waiting for a decision), said for someone asking for a new request; undefined when the cluster is free. */
export function rolloutInTheWay(cluster: string, store: Pick<RolloutStore, 'locks' | 'get'>): RichText | undefined {
  const holder = store.locks().find((l) => l.cluster === cluster);
  return holder === undefined ? undefined : clusterBusy(holder, store, 'request');
}
