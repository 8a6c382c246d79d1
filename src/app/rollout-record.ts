import type { Verdict } from '../domain/eligibility/verdict.ts';
import type { Answers } from '../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import type { RichText } from '../domain/text/rich-text.ts';

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
  'paused',
  'interrupted',
  'rolled-back',
  'left-as-is',
] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** A rollout that stopped and waits for a decision: resume, retry the node, roll back, or leave it as it is. The cluster stays locked. */
export const HELD: readonly RolloutStatus[] = ['failed', 'paused', 'interrupted'];
/** The cluster is locked by a rollout in one of these statuses. */
export const LOCKING: readonly RolloutStatus[] = ['approved', 'running', ...HELD];
/** A rollout in one of these statuses is over: nothing more runs, the cluster is free. */
export const FINISHED: readonly RolloutStatus[] = ['succeeded', 'rolled-back', 'left-as-is'];

/** A stop someone asked for while the rollout runs; the run that owns it acts on it between steps. */
export interface ControlRequest {
  readonly kind: 'pause' | 'abort';
  readonly by: string;
  readonly at: string;
}

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
  /** A pause or abort asked for while it runs (read by the owning run between steps). */
  readonly control?: ControlRequest | undefined;
  /** How it last stopped, when held: said on the board and in status. */
  readonly outcomeNote?: RichText | undefined;
  /** When the nodes' facts the verdict used were read (the probe, or the warm facts' read); absent for declared facts and records of older bots. */
  readonly factsReadAt?: string | undefined;
}

export interface AuditEntry {
  readonly at: string;
  readonly rolloutId: string;
  /** Slack user id, `cli:<os user>`, or `bot`. */
  readonly actor: string;
  readonly action: string;
  /** Channel-neutral: each channel shows its people and commands. */
  readonly detail: RichText;
}
