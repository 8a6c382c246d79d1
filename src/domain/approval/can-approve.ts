import { clusterLabel, describeApprovers, isApprover, type Actor, type ApprovalPolicy } from './approval-policy.ts';
import { checkStillOpen } from './check-still-open.ts';
import { allow, deny, type Decision } from './decision.ts';
import type { PendingApproval } from './pending-approval.ts';
import { actor, command, text } from '../text/rich-text.ts';

export interface CanApproveInput {
  readonly policy: ApprovalPolicy;
  readonly pending: PendingApproval;
  /** Who clicked, with the user groups the caller resolved for them. */
  readonly approver: Actor;
  /** The plan hash the clicked button carried (what the approver saw). */
  readonly shownPlanHash: string;
  readonly now: Date;
}

const short = (hash: string): string => hash.slice(0, 12);

/** The request text without its `--dry-run` flag (`describeRequest` puts the flag last). */
const withoutDryRun = (text: string): string => (text.endsWith(' --dry-run') ? text.slice(0, -' --dry-run'.length) : text);

/**
 * May this click approve the request? In order: it is not a dry run (a dry run is never approved,
 * whoever clicks, whatever its state); the request is still open (not decided,
 * superseded or expired) and not waiting for answers; the clicker is an approver; not the
 * requester unless the cluster allows self-approval; the plan shown is still the plan.
 */
export function canApprove({ policy, pending, approver, shownPlanHash, now }: CanApproveInput): Decision {
  if (pending.dryRun) {
    const again = command(pending.requestText === undefined ? '<the same request without --dry-run>' : withoutDryRun(pending.requestText));
    return deny('dry_run', text`This was a dry run: nothing is approved or changed. To make the change, ask again without --dry-run: ${again}`);
  }
  const closed = checkStillOpen(pending, policy, now);
  if (closed !== undefined) return closed;
  const cluster = clusterLabel(policy);
  if (pending.status === 'awaiting-answers') {
    return deny('awaiting_answers', text`This request has an open question: ${actor(pending.requestedBy)} must answer it before it can be approved`);
  }
  if (!isApprover(policy, approver)) {
    return deny('not_approver', text`Only approvers of ${cluster} can approve (${describeApprovers(policy)})`);
  }
  if (approver.userId === pending.requestedBy && !policy.allowSelfApproval) {
    return deny('self_approval', text`You asked for this change; another approver must approve it (self-approval is off for ${cluster})`);
  }
  if (shownPlanHash !== pending.planHash) {
    return deny(
      'stale_plan',
      text`The plan changed since this message was posted (shown ${short(shownPlanHash)}, now ${short(pending.planHash)}): the request is re-evaluated and must be approved again`,
    );
  }
  return allow();
}
