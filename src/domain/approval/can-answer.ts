import type { Actor, ApprovalPolicy } from './approval-policy.ts';
import { checkStillOpen } from './check-still-open.ts';
import { allow, deny, type Decision } from './decision.ts';
import type { PendingApproval } from './pending-approval.ts';
import { actor, text } from '../text/rich-text.ts';

export interface CanAnswerInput {
  readonly policy: ApprovalPolicy;
  readonly pending: PendingApproval;
  /** Who clicked an answer button. */
  readonly user: Actor;
  readonly now: Date;
}

/**
 * May this click answer the verdict's question? Only the requester answers (they declared the change),
 * only while the request waits for answers; decided, superseded or expired requests only explain.
 */
export function canAnswer({ policy, pending, user, now }: CanAnswerInput): Decision {
  const closed = checkStillOpen(pending, policy, now);
  if (closed !== undefined) return closed;
  if (pending.status !== 'awaiting-answers') {
    return deny('already_answered', text`This question was already answered and the verdict re-evaluated: see the message above`);
  }
  if (user.userId !== pending.requestedBy) {
    return deny('not_requester', text`Only ${actor(pending.requestedBy)}, who asked for this change, can answer its questions`);
  }
  return allow();
}
