import { approvalExpired } from './approval-expired.ts';
import { clusterLabel, type ApprovalPolicy } from './approval-policy.ts';
import { deny, type Decision } from './decision.ts';
import type { PendingApproval } from './pending-approval.ts';
import { actor, command, text, time, type RichText } from '../text/rich-text.ts';

const MINUTE_MS = 60_000;

function ago(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (!(minutes >= 1)) return 'less than a minute ago';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

const askAgain = (pending: PendingApproval): RichText => text`ask again with ${command(pending.requestText ?? '')}`;

function decided(pending: PendingApproval, verb: string): RichText {
  const by = pending.decidedBy === undefined ? '' : text` by ${actor(pending.decidedBy)}`;
  const at = pending.decidedAt === undefined ? '' : text` at ${time(pending.decidedAt)}`;
  return text`Already ${verb}${by}${at}`;
}

/**
 * The checks every click on a request's buttons shares: a decided, superseded or expired request
 * explains itself and does nothing. `undefined` when the request is still open. A `requestedAt`
 * that does not parse counts as expired (fail closed).
 */
export function checkStillOpen(pending: PendingApproval, policy: ApprovalPolicy, now: Date): Decision | undefined {
  switch (pending.status) {
    case 'approved':
      return deny('already_decided', decided(pending, 'approved'));
    case 'rejected':
      return deny('already_decided', decided(pending, 'rejected'));
    case 'cancelled':
      return deny('already_decided', decided(pending, 'cancelled'));
    case 'superseded':
      return deny('superseded', text`This message is out of date: the request for ${clusterLabel(policy)} was re-evaluated and posted again; use the newest message`);
    case 'expired':
    case 'awaiting-answers':
    case 'awaiting-approval':
      break;
  }
  const ttlMs = policy.approvalTtlMinutes * MINUTE_MS;
  const age = now.getTime() - Date.parse(pending.requestedAt);
  if (pending.status === 'expired' || approvalExpired(pending.requestedAt, policy.approvalTtlMinutes, now)) {
    const when = Number.isFinite(age - ttlMs) && age >= ttlMs ? `expired ${ago(age - ttlMs)}` : 'has expired';
    return deny('expired', text`This approval request ${when} (approvals last ${policy.approvalTtlMinutes} min): ${askAgain(pending)}`);
  }
  return undefined;
}
