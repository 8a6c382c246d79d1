import type { StepKind } from '../plan/rollout-step.ts';
import type { RichText } from '../text/rich-text.ts';

/**
 * Why a step runs: the plan's own step (`rollout`), putting a node back after a failure or an abort
 * (`restore`), undoing the change on a node that has it (`rollback`), or bringing a node that a dead
 * run left behind to a healthy state (`recover`).
 */
export type StepPurpose = 'rollout' | 'restore' | 'rollback' | 'recover';

/** How a run of the runner (one process working on the rollout) began. */
export type RunMode = 'resume' | 'retry' | 'rollback' | 'recover';

/** What made a run stop before its end, when it was not a failed step. */
export type StopCause = 'pause' | 'abort' | 'shutdown' | 'store-failure' | 'lease-lost';

/** Where a node really stands, from a fresh probe (never from the stored events). */
export interface NodeStanding {
  readonly running: boolean;
  readonly healthy: boolean;
  /** Does the node show the change? `unknown` when it could not be checked. */
  readonly hasChange: 'yes' | 'no' | 'unknown';
  readonly detail: string;
}

/** What happened during a rollout, in order. Stored (append-only) and rendered by the CLI and Slack. */
export type RolloutEvent =
  | { readonly type: 'RolloutStarted'; readonly at: string; readonly planHash: string; readonly nodes: readonly string[] }
  | {
      readonly type: 'StepStarted';
      readonly at: string;
      readonly stepId: string;
      readonly node: string;
      readonly kind: StepKind;
      readonly purpose: StepPurpose;
      readonly title: string;
    }
  | {
      readonly type: 'StepSucceeded';
      readonly at: string;
      readonly stepId: string;
      readonly node: string;
      readonly kind: StepKind;
      readonly purpose: StepPurpose;
      readonly durationMs: number;
      readonly detail?: string;
    }
  | {
      readonly type: 'StepFailed';
      readonly at: string;
      readonly stepId: string;
      readonly node: string;
      readonly kind: StepKind;
      readonly purpose: StepPurpose;
      readonly durationMs: number;
      readonly message: string;
      /** The command that failed, when a command failed (not a time-out of a wait). */
      readonly command?: string;
      readonly exitCode?: number;
      readonly outputTail: string;
    }
  | { readonly type: 'NodeDone'; readonly at: string; readonly node: string; readonly durationMs: number }
  | { readonly type: 'RestoreStarted'; readonly at: string; readonly node: string; readonly purpose?: 'restore' | 'rollback' }
  | { readonly type: 'RestoreFinished'; readonly at: string; readonly node: string; readonly ok: boolean; readonly message: string; readonly purpose?: 'restore' | 'rollback' }
  /** A fresh probe of a node when a run resumes (after a restart, a failure or a pause). */
  | ({ readonly type: 'NodeFound'; readonly at: string; readonly node: string } & NodeStanding)
  /** Another run of the runner begins on this rollout: by whom, and what it will do. */
  | { readonly type: 'RolloutResumed'; readonly at: string; readonly mode: RunMode; readonly by: string; readonly nodes: readonly string[]; readonly message: string }
  /** The run stops before its end for a reason other than a failed step. */
  | { readonly type: 'RunStopping'; readonly at: string; readonly cause: StopCause; readonly by?: string; readonly message: string }
  | {
      readonly type: 'RolloutDone';
      readonly at: string;
      /** `failed` and `paused` hold the rollout for a decision (resume, retry, roll back, leave). */
      readonly outcome: 'succeeded' | 'failed' | 'paused' | 'interrupted' | 'rolled-back';
      readonly durationMs: number;
      /** Channel-neutral (the way back names its request as a command). */
      readonly summary: RichText;
    }
  /** The bot found the rollout running when it (re)started: the process that ran it is gone. */
  | { readonly type: 'RolloutInterrupted'; readonly at: string; readonly summary: RichText }
  /** Someone chose to leave the cluster as it is: the rollout ends here and the cluster is free. */
  | { readonly type: 'RolloutLeft'; readonly at: string; readonly by: string; readonly summary: RichText };

export type RolloutEventType = RolloutEvent['type'];

export const ROLLOUT_EVENT_TYPES = [
  'RolloutStarted',
  'StepStarted',
  'StepSucceeded',
  'StepFailed',
  'NodeDone',
  'RestoreStarted',
  'RestoreFinished',
  'NodeFound',
  'RolloutResumed',
  'RunStopping',
  'RolloutDone',
  'RolloutInterrupted',
  'RolloutLeft',
] as const satisfies readonly RolloutEventType[];
