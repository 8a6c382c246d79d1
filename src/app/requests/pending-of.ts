import type { PendingApproval } from '../../domain/approval/pending-approval.ts';
import { assertNever } from '../../domain/assert-never.ts';
import type { RolloutRecord } from '../rollout-record.ts';

/** The approval view of a stored request. */
export function pendingOf(record: RolloutRecord): PendingApproval {
  const status = (() => {
    switch (record.status) {
      case 'awaiting-confirmation':
        return 'awaiting-answers' as const;
      case 'awaiting-approval':
      case 'rejected':
      case 'expired':
      case 'superseded':
      case 'approved':
        return record.status;
      case 'running':
      case 'succeeded':
      case 'failed':
      case 'paused':
      case 'interrupted':
      case 'rolled-back':
      case 'left-as-is':
        return 'approved' as const;
    }
    return assertNever(record.status, 'rollout status');
  })();
  return {
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt,
    planHash: record.plan?.hash ?? '',
    status,
    dryRun: record.request.dryRun,
    requestText: record.requestText,
    ...(record.decidedBy === undefined ? {} : { decidedBy: record.decidedBy }),
    ...(record.decidedAt === undefined ? {} : { decidedAt: record.decidedAt }),
  };
}
