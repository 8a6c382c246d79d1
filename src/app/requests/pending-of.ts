import type { PendingApproval } from '../../domain/approval/pending-approval.ts';
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
      default:
        return 'approved' as const;
    }
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
