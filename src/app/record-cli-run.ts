import type { PreparedRollout } from './prepare-rollout.ts';
import type { RolloutStore } from './ports.ts';
import { clusterBusy } from './requests/cluster-busy.ts';
import type { RolloutRecord } from './rollout-record.ts';
import type { LeaseTerms } from './run-ownership.ts';
import { shownRequestText } from '../domain/liferay/shown-request-text.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { neutralText, text, type RichText } from '../domain/text/rich-text.ts';

/** Who confirmed the run at the terminal, the new rollout's id, and this process as its owner. */
export interface CliRunClaim extends LeaseTerms {
  readonly id: string;
  readonly actor: string;
}

/**
 * Records a run confirmed at the terminal as a request approved at the terminal, taking the
 * cluster's lock and this process as its owner in the same transaction as the approval (as the bot
 * does), so it shows in the bot's history and audit trail and cannot run beside another rollout.
 */
export function recordCliRun(prepared: PreparedRollout, store: RolloutStore, now: Date, claim: CliRunClaim): Result<RolloutRecord, RichText> {
  const plan = prepared.plan;
  if (plan === undefined || prepared.verdict.type !== 'verdict') return err(text`no plan to record`);
  const { id, actor } = claim;
  const holder = store.locks().find((l) => l.cluster === plan.cluster);
  if (holder !== undefined) return err(clusterBusy(holder, store));
  const at = now.toISOString();
  const record: RolloutRecord = {
    id,
    cluster: plan.cluster,
    request: plan.request,
    requestText: shownRequestText(plan.request),
    requestedBy: actor,
    requestedAt: at,
    channelId: undefined,
    messageTs: undefined,
    facts: prepared.facts,
    answers: {},
    verdict: prepared.verdict,
    plan,
    status: 'awaiting-approval',
    decidedBy: undefined,
    decidedAt: undefined,
    decisionNote: undefined,
    updatedAt: at,
  };
  store.create(record);
  store.audit({ at, rolloutId: id, actor, action: 'requested', detail: text`${record.requestText} -> ${prepared.verdict.verdict}, plan ${plan.hash.slice(0, 12)}` });
  const claimed = store.claim(
    id,
    ['awaiting-approval'],
    { status: 'approved', decidedBy: actor, decidedAt: at, decisionNote: 'confirmed at the terminal (liferay-rollout run)', updatedAt: at },
    { owner: claim.owner, until: now.getTime() + claim.leaseMs, now: now.getTime() },
  );
  if (!claimed.ok) {
    const why = claimed.reason === 'status' ? text`the request changed while it was being recorded` : clusterBusy(claimed.holder, store);
    store.update(id, ['awaiting-approval'], { status: 'superseded', decisionNote: `not started: ${neutralText(why)}`, updatedAt: at });
    return err(why);
  }
  store.audit({ at, rolloutId: id, actor, action: 'approved', detail: text`at the terminal (${plan.strategy}, plan ${plan.hash.slice(0, 12)})` });
  return ok(claimed.record);
}
