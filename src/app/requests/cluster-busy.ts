import type { RolloutStore } from '../ports.ts';
import type { RolloutRecord } from '../rollout-record.ts';

/**
 * One rollout per cluster at a time: another request of the same cluster that is approved or
 * running makes this one wait. Returns why, or undefined when the cluster is free.
 */
export function clusterBusy(record: Pick<RolloutRecord, 'id' | 'cluster'>, store: RolloutStore): string | undefined {
  const other = store.list({ cluster: record.cluster, statuses: ['approved', 'running'] }).find((r) => r.id !== record.id);
  if (other === undefined) return undefined;
  return `${record.cluster} is busy: \`${other.requestText}\` (approved by ${other.decidedBy?.startsWith('cli:') === true ? other.decidedBy : `<@${other.decidedBy ?? '?'}>`}) is ${other.status}. One rollout per cluster at a time: approve this one when it has finished`;
}
