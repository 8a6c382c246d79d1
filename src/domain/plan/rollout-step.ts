import type { ChangeAction } from './change-action.ts';

/** One thing done to one node. Every step is idempotent: re-running it after a failure is safe. */
export type StepAction =
  | { readonly kind: 'connect' }
  | { readonly kind: 'check-healthy'; readonly url: string }
  | { readonly kind: 'probe' }
  | { readonly kind: 'stage'; readonly files: readonly { readonly file: string; readonly sha256: string }[] }
  | { readonly kind: 'drain'; readonly command: string }
  | { readonly kind: 'stop'; readonly command: string; readonly forceCommand: string; readonly timeoutSeconds: number }
  | { readonly kind: 'backup'; readonly paths: readonly string[] }
  | { readonly kind: 'apply'; readonly change: ChangeAction }
  /** Put back the backed-up files the change touches (and Patching Tool's state): the way back for every change kind. */
  | { readonly kind: 'restore'; readonly change: ChangeAction }
  | { readonly kind: 'start'; readonly command: string }
  | { readonly kind: 'wait-started'; readonly logLine: string; readonly timeoutSeconds: number }
  | { readonly kind: 'wait-healthy'; readonly url: string; readonly timeoutSeconds: number }
  /** `settleSeconds`: how long the node's view must hold within `timeoutSeconds` (the cluster's `health.clusterSettleSeconds`). */
  | { readonly kind: 'wait-cluster'; readonly members: number; readonly timeoutSeconds: number; readonly settleSeconds: number }
  | { readonly kind: 'enable'; readonly command: string }
  | { readonly kind: 'verify'; readonly change: ChangeAction };

export type StepKind = StepAction['kind'];

/** Where a step stands in the rollout; used for the status board and for the "stop before the next node" rule. */
export type StepPhase = 'preflight' | 'node' | 'postcheck';

export interface PlanStep {
  /** Unique within the plan, e.g. `node2/stop`. */
  readonly id: string;
  readonly node: string;
  readonly phase: StepPhase;
  readonly action: StepAction;
  /** One line a Slack reader understands. */
  readonly title: string;
}
