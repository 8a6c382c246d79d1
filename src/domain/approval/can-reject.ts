import { clusterLabel, describeApprovers, isApprover, type Actor, type ApprovalPolicy } from './approval-policy.ts';
import { checkStillOpen } from './check-still-open.ts';
import { allow, deny, type Decision } from './decision.ts';
import type { PendingApproval } from './pending-approval.ts';
import { actor, text } from '../text/rich-text.ts';

export interface CanRejectInput {
  readonly policy: ApprovalPolicy;
  readonly pending: PendingApproval;
  /** Who clicked Reject, with the user groups the caller resolved for them. */
  readonly user: Actor;
  readonly now: Date;
}

/**
 * May this click reject the request? Approvers may reject; the requester may cancel their own
 * request (also while it waits for answers). A decided, superseded or expired request only explains.
 * Any plan version may be rejected, so no plan hash is checked.
 */
export function canReject({ policy, pending, user, now }: CanRejectInput): Decision {
  const closed = checkStillOpen(pending, policy, now);
  if (closed !== undefined) return closed;
  if (user.userId === pending.requestedBy || isApprover(policy, user)) return allow();
  return deny(
    'not_approver_or_requester',
    text`Only approvers of ${clusterLabel(policy)} (${describeApprovers(policy)}) or the requester ${actor(pending.requestedBy)} can reject this request`,
  );
}
