import type { Verdict } from '../domain/eligibility/verdict.ts';
import type { Answers } from '../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';

/** Every status a request goes through, in lifecycle order. */
export const ROLLOUT_STATUSES = [
  'awaiting-confirmation',
  'awaiting-approval',
  'approved',
  'rejected',
  'expired',
  'superseded',
  'running',
  'succeeded',
  'failed',
  'interrupted',
] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** One request's life: who asked, what was decided by whom, the plan that was approved. */
export interface RolloutRecord {
  readonly id: string;
  readonly cluster: string;
  readonly request: MaintenanceRequest;
  readonly requestText: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** Where the request's message lives (Slack), when it came from Slack. */
  readonly channelId: string | undefined;
  readonly messageTs: string | undefined;
  readonly facts: ClusterFacts;
  readonly answers: Answers;
  readonly verdict: Verdict;
  readonly plan: RolloutPlan | undefined;
  readonly status: RolloutStatus;
  readonly decidedBy: string | undefined;
  readonly decidedAt: string | undefined;
  /** Reject reason, or what superseded/expired it. */
  readonly decisionNote: string | undefined;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly at: string;
  readonly rolloutId: string;
  /** Slack user id, `cli:<os user>`, or `bot`. */
  readonly actor: string;
  readonly action: string;
  readonly detail: string;
}
