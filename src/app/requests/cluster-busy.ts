import type { ClusterLock, RolloutStore } from '../ports.ts';
import { HELD } from '../rollout-record.ts';
import { actor, text, type RichText } from '../../domain/text/rich-text.ts';

/** Why a cluster is busy, naming the rollout that holds it and what it is doing. */
export function clusterBusy(holder: ClusterLock, store: RolloutStore): RichText {
  let other;
  try {
    other = store.get(holder.rolloutId);
  } catch {
    other = undefined;
  }
  if (other === undefined) return text`${holder.cluster} is busy with rollout ${holder.rolloutId}. One rollout per cluster at a time`;
  const who = other.decidedBy === undefined ? '' : text` (approved by ${actor(other.decidedBy)})`;
  const what = HELD.includes(other.status)
    ? `is ${other.status} and waits for a decision: resume, retry, roll back or leave it as it is (rollout ${other.id})`
    : `is ${other.status}`;
  return text`${holder.cluster} is busy: \`${other.requestText}\`${who} ${what}. One rollout per cluster at a time: approve this one when it has finished`;
}
