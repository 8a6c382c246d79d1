import type { MaintenanceRequest } from '../request/maintenance-request.ts';

export type VerdictKind = 'eligible' | 'ineligible' | 'needs-confirmation';

/**
 * What one rule concluded. `pass` = fine for a rolling restart; `block` = needs the whole cluster
 * down; `confirm` = a human must answer `question` first; `note` = worth telling, changes nothing;
 * `error` = the request itself is wrong for this cluster (not a verdict at all).
 */
export type RuleOutcome =
  | { readonly rule: string; readonly outcome: 'pass' | 'block' | 'note' | 'error'; readonly message: string }
  | { readonly rule: string; readonly outcome: 'confirm'; readonly message: string; readonly question: Question };

/** A question the requester can answer with one click (Slack) or a flag (CLI). */
export interface Question {
  /** What the answer sets: the request's `--schema`, or that patch ids are revertible, or that the current Java major is the target's. */
  readonly topic: 'schema' | 'revertible' | 'java-major';
  readonly text: string;
  readonly subjects: readonly string[];
}

export interface Reason {
  readonly rule: string;
  readonly message: string;
}

export type Verdict =
  | {
      readonly type: 'verdict';
      readonly verdict: VerdictKind;
      readonly reasons: readonly Reason[];
      readonly questions: readonly Question[];
      readonly request: MaintenanceRequest;
    }
  | {
      /** The request cannot be carried out on this cluster at all (wrong build, unsupported Java, downgrade). */
      readonly type: 'error';
      readonly rule: string;
      readonly message: string;
      readonly request: MaintenanceRequest;
    };
