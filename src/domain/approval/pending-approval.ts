/**
 * Where a posted request stands. `awaiting-answers`: the verdict asks a question first;
 * `superseded`: the request was re-evaluated and posted again, this message is stale.
 */
export type ApprovalStatus = 'awaiting-answers' | 'awaiting-approval' | 'approved' | 'rejected' | 'cancelled' | 'expired' | 'superseded';

/** A posted request as the approval policy sees it. Times are ISO-8601 strings, as in rollout events. */
export interface PendingApproval {
  /** Slack user id of the requester. */
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** Hash of the plan the message currently offers for approval. */
  readonly planHash: string;
  readonly status: ApprovalStatus;
  /** Asked with `--dry-run`: the verdict and plan are shown, never approved or run. */
  readonly dryRun: boolean;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  /** Canonical request text (`describeRequest`), for "ask again with <the request>". */
  readonly requestText?: string;
}
