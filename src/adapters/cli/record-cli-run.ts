import { userInfo } from 'node:os';
import type { PreparedRollout } from '../../app/prepare-rollout.ts';
import type { RolloutStore } from '../../app/ports.ts';
import { clusterBusy } from '../../app/requests/cluster-busy.ts';
import type { RolloutRecord } from '../../app/rollout-record.ts';
import { describeRequest } from '../../domain/request/describe-request.ts';
import { err, ok, type Result } from '../../domain/result.ts';

/** `cli:<os user>`: how terminal runs appear in the audit trail. */
export const cliActor = (): string => `cli:${userInfo().username}`;

/**
 * Records a run confirmed at the terminal as an approved request, so it shows in the bot's history
 * and audit trail and holds the cluster's one-rollout-at-a-time lock. Refused when the cluster is busy.
 */
export function recordCliRun(prepared: PreparedRollout, store: RolloutStore, now: Date): Result<RolloutRecord, string> {
  const plan = prepared.plan;
  if (plan === undefined || prepared.verdict.type !== 'verdict') return err('no plan to record');
  const id = `cli-${now.getTime().toString(36)}`;
  const busy = clusterBusy({ id, cluster: plan.cluster }, store);
  if (busy !== undefined) return err(busy);
  const actor = cliActor();
  const at = now.toISOString();
  const record: RolloutRecord = {
    id,
    cluster: plan.cluster,
    request: plan.request,
    requestText: describeRequest(plan.request),
    requestedBy: actor,
    requestedAt: at,
    channelId: undefined,
    messageTs: undefined,
    facts: prepared.facts,
    answers: {},
    verdict: prepared.verdict,
    plan,
    status: 'approved',
    decidedBy: actor,
    decidedAt: at,
    decisionNote: 'confirmed at the terminal (liferay-rollout run)',
    updatedAt: at,
  };
  store.create(record);
  store.audit({ at, rolloutId: id, actor, action: 'requested', detail: `${record.requestText} -> ${prepared.verdict.verdict}, plan ${plan.hash.slice(0, 12)}` });
  store.audit({ at, rolloutId: id, actor, action: 'approved', detail: `at the terminal (${plan.strategy}, plan ${plan.hash.slice(0, 12)})` });
  return ok(record);
}
