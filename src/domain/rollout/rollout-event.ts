/** What happened during a rollout, in order. Stored (append-only) and rendered by the CLI and Slack. */
export type RolloutEvent =
  | { readonly type: 'RolloutStarted'; readonly at: string; readonly planHash: string; readonly nodes: readonly string[] }
  | { readonly type: 'StepStarted'; readonly at: string; readonly stepId: string; readonly node: string; readonly title: string }
  | { readonly type: 'StepSucceeded'; readonly at: string; readonly stepId: string; readonly node: string; readonly durationMs: number; readonly detail?: string }
  | {
      readonly type: 'StepFailed';
      readonly at: string;
      readonly stepId: string;
      readonly node: string;
      readonly durationMs: number;
      readonly message: string;
      /** The command that failed, when a command failed (not a time-out of a wait). */
      readonly command?: string;
      readonly exitCode?: number;
      readonly outputTail: string;
    }
  | { readonly type: 'NodeDone'; readonly at: string; readonly node: string; readonly durationMs: number }
  | { readonly type: 'RestoreStarted'; readonly at: string; readonly node: string }
  | { readonly type: 'RestoreFinished'; readonly at: string; readonly node: string; readonly ok: boolean; readonly message: string }
  | {
      readonly type: 'RolloutDone';
      readonly at: string;
      readonly outcome: 'succeeded' | 'failed';
      readonly durationMs: number;
      readonly summary: string;
    }
  /** The bot found the rollout running when it (re)started: the process that ran it is gone. */
  | { readonly type: 'RolloutInterrupted'; readonly at: string; readonly summary: string };

export type RolloutEventType = RolloutEvent['type'];
