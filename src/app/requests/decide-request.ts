import { canApprove } from '../../domain/approval/can-approve.ts';
import { canReject } from '../../domain/approval/can-reject.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import type { LeaseTerms } from '../run-ownership.ts';
import { evaluateRequest, type EvaluateDeps } from './evaluate-request.ts';
import { clusterBusy } from './cluster-busy.ts';
import { pendingOf } from './pending-of.ts';
import type { ServiceDeps } from './service-deps.ts';
import { statusForVerdict } from './status-for-verdict.ts';
import { actor, plain, text, type RichText } from '../../domain/text/rich-text.ts';
import { factsAgeText, factsReadAt } from '../facts-cache.ts';
import { expectedNodeFacts, mismatchLine, nodeMismatches } from '../preflight-mismatch.ts';

/** What approving reads: the request and its cluster's policy, time, new ids (a superseding request), the log, this process's lease terms (the claim), and what a verdict reads. */
export type ApproveDeps = Pick<ServiceDeps, 'store' | 'clusters' | 'clock' | 'newId' | 'log'> & { readonly ownership: LeaseTerms } & EvaluateDeps;

/** What rejecting (and the check before the reason modal) reads: the request, its cluster's policy and time. */
export type RejectDeps = Pick<ServiceDeps, 'store' | 'clusters' | 'clock'>;

export type ApproveOutcome =
  | { readonly kind: 'approved'; readonly record: RolloutRecord }
  /** The cluster changed since the message was posted: the old request is superseded by a new one to approve. */
  | { readonly kind: 'superseded'; readonly old: RolloutRecord; readonly fresh: RolloutRecord; readonly why: RichText }
  | { readonly kind: 'denied'; readonly message: RichText };

/**
 * An approver clicked Approve (or Approve FULL SHUTDOWN) on a message showing `shownPlanHash`.
 * The policy decides; then the nodes are probed again and the plan rebuilt: if it is not the plan
 * that was shown, nothing runs and the request is asked again.
 */
export async function approveRequest(
  input: { readonly requestId: string; readonly userId: string; readonly groupIds: readonly string[]; readonly shownPlanHash: string; readonly strategy: 'rolling' | 'full-shutdown' },
  deps: ApproveDeps,
): Promise<ApproveOutcome> {
  const record = deps.store.get(input.requestId);
  if (record === undefined) return { kind: 'denied', message: text`This request is no longer known to the bot` };
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined) return { kind: 'denied', message: text`Cluster ${record.cluster} is no longer in the inventory` };
  const approver = { userId: input.userId, groupIds: input.groupIds };
  const decision = canApprove({ policy: cluster.approval, pending: pendingOf(record), approver, shownPlanHash: input.shownPlanHash, now: deps.clock.now() });
  if (!decision.ok) {
    if (decision.code === 'expired' && record.status === 'awaiting-approval') {
      deps.store.update(record.id, ['awaiting-approval'], { status: 'expired', updatedAt: deps.clock.now().toISOString() });
    }
    deps.store.audit({ at: deps.clock.now().toISOString(), rolloutId: record.id, actor: input.userId, action: 'approval refused', detail: decision.message });
    return { kind: 'denied', message: decision.message };
  }
  if (record.plan === undefined) return { kind: 'denied', message: text`There is no plan to approve: ${record.decisionNote ?? 'see the message'}` };
  const holder = deps.store.locks().find((l) => l.cluster === record.cluster && l.rolloutId !== record.id);
  if (holder !== undefined) return { kind: 'denied', message: clusterBusy(holder, deps.store) };
  if (record.plan.strategy !== input.strategy) return { kind: 'denied', message: text`That button is for another strategy than the plan: use the button on the current message` };

  const fresh = await evaluateRequest(record.request, cluster, record.answers, deps);
  if (!fresh.ok) return { kind: 'denied', message: text`Not started: ${fresh.error}` };
  const checkedAt = deps.clock.now();
  const now = checkedAt.toISOString();
  // Anything the verdict used that the nodes now show otherwise refuses the approval, even when the plan came out the same.
  const changed = nodeMismatches(expectedNodeFacts(record.plan, record.facts), new Map(Object.entries(fresh.value.nodeFacts)));
  if (fresh.value.plan?.hash !== record.plan.hash || changed.length > 0) {
    // How old the facts the verdict was shown with are (older bots' records: since the request).
    const age = factsAgeText(checkedAt.getTime() - Date.parse(record.factsReadAt ?? record.requestedAt));
    const why = changed.length > 0 ? text`${changed.map(mismatchLine).join('; ')} (${age})` : text`the plan changed since the verdict (${age})`;
    const old = deps.store.update(record.id, ['awaiting-approval'], { status: 'superseded', decisionNote: 'the cluster changed since the verdict', updatedAt: now });
    if (old === undefined) return { kind: 'denied', message: text`This request was already decided` };
    const { verdict, plan, planError, facts } = fresh.value;
    const next: RolloutRecord = {
      ...record,
      id: deps.newId(),
      facts,
      verdict,
      plan,
      messageTs: undefined,
      requestedAt: now,
      status: statusForVerdict(verdict),
      decisionNote: planError,
      updatedAt: now,
      factsReadAt: factsReadAt(fresh.value.factsAgeMs, checkedAt).factsReadAt,
    };
    deps.store.create(next);
    deps.store.audit({ at: now, rolloutId: record.id, actor: input.userId, action: 'superseded', detail: text`the nodes changed since the verdict; new request ${next.id}: ${why}` });
    return { kind: 'superseded', old, fresh: next, why };
  }
  // The approval, the cluster lock and this process as the rollout's owner, in one store
  // transaction: two approvals (or a CLI run) for one cluster can never both start.
  const at = deps.clock.now().getTime();
  const claimed = deps.store.claim(
    record.id,
    ['awaiting-approval'],
    { status: 'approved', decidedBy: input.userId, decidedAt: now, updatedAt: now },
    { owner: deps.ownership.owner, until: at + deps.ownership.leaseMs, now: at },
  );
  if (!claimed.ok) {
    if (claimed.reason !== 'status') return { kind: 'denied', message: clusterBusy(claimed.holder, deps.store) };
    return { kind: 'denied', message: alreadyDecided(claimed.record) };
  }
  const approved = claimed.record;
  deps.store.audit({ at: now, rolloutId: record.id, actor: input.userId, action: 'approved', detail: text`${record.requestText} (${record.plan.strategy}, plan ${record.plan.hash.slice(0, 12)})` });
  deps.log.info({ rolloutId: record.id, approvedBy: input.userId }, 'request approved');
  return { kind: 'approved', record: approved };
}

/** What a request someone else decided first is now: "Already approved by @li; the rollout is running", "Already rejected by @li". */
function alreadyDecided(current: RolloutRecord | undefined): RichText {
  if (current === undefined) return text`Already decided`;
  const by = current.decidedBy === undefined ? '' : text` by ${actor(current.decidedBy)}`;
  if (current.status === 'rejected' || current.status === 'expired' || current.status === 'superseded') return text`Already ${current.status}${by}`;
  const now = RUN_STANDING[current.status];
  return text`Already approved${by}${now === '' ? '' : `; the rollout ${now}`}`;
}

/** How an approved request's rollout stands, after "the rollout". */
const RUN_STANDING: Readonly<Record<RolloutRecord['status'], string>> = {
  'awaiting-confirmation': '',
  'awaiting-approval': '',
  approved: '',
  rejected: '',
  expired: '',
  superseded: '',
  running: 'is running',
  succeeded: 'succeeded',
  failed: 'stopped on a failure and waits for a decision',
  paused: 'is paused',
  interrupted: 'was interrupted and waits for a decision',
  'rolled-back': 'was rolled back',
  'left-as-is': 'was left as it stood',
};

export type RejectOutcome = { readonly ok: true; readonly record: RolloutRecord } | { readonly ok: false; readonly message: RichText };

/** May this user reject (approvers) or cancel (the requester)? Checked before the reason modal opens. */
export function mayReject(input: { readonly requestId: string; readonly userId: string; readonly groupIds: readonly string[] }, deps: RejectDeps): RejectOutcome {
  const record = deps.store.get(input.requestId);
  if (record === undefined) return { ok: false, message: text`This request is no longer known to the bot` };
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined) return { ok: false, message: text`Cluster ${record.cluster} is no longer in the inventory` };
  const decision = canReject({ policy: cluster.approval, pending: pendingOf(record), user: { userId: input.userId, groupIds: input.groupIds }, now: deps.clock.now() });
  return decision.ok ? { ok: true, record } : { ok: false, message: decision.message };
}

/** Records a rejection (with its reason) made through the modal. */
export function rejectRequest(input: { readonly requestId: string; readonly userId: string; readonly groupIds: readonly string[]; readonly reason: string }, deps: RejectDeps): RejectOutcome {
  const allowed = mayReject(input, deps);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now().toISOString();
  const rejected = deps.store.update(input.requestId, ['awaiting-approval', 'awaiting-confirmation'], { status: 'rejected', decidedBy: input.userId, decidedAt: now, decisionNote: input.reason, updatedAt: now });
  if (rejected === undefined) return { ok: false, message: text`This request was already decided` };
  deps.store.audit({ at: now, rolloutId: input.requestId, actor: input.userId, action: 'rejected', detail: plain(input.reason) });
  return { ok: true, record: rejected };
}
