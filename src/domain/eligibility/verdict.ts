import type { SettingDiff } from '../liferay/setting-diff.ts';
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
  /**
   * What an answer settles: `schema` = the request's `--schema`; `revertible` = the subjects (patch
   * ids) are revertible; `java-major` = the nodes already run the target's Java major; `facts` =
   * a cluster fact is missing and must be declared or probed (no one-click answer).
   */
  readonly topic: 'schema' | 'revertible' | 'java-major' | 'facts';
  readonly text: string;
  readonly subjects: readonly string[];
}

export interface Reason {
  readonly rule: string;
  readonly message: string;
  /** How the rule weighed in; `note` for the advice appended to ineligible verdicts. */
  readonly outcome: 'pass' | 'block' | 'confirm' | 'note';
}

/** Where `fixpack revert X` goes: the level just before X, as the history or the facts say. */
export interface RevertTarget {
  /** The fix pack to put back (its zip is installed again), or undefined: none, back to GA. */
  readonly fixpack: string | undefined;
}

export type Verdict =
  | {
      readonly type: 'verdict';
      readonly verdict: VerdictKind;
      readonly reasons: readonly Reason[];
      readonly questions: readonly Question[];
      readonly request: MaintenanceRequest;
      /** Fix pack reverts only, and only when the level before is known: what the plan goes back to. */
      readonly revertTo?: RevertTarget;
      /** Property and config requests: the change against the nodes' current values (masked where a key names a secret). */
      readonly changes?: SettingDiff;
    }
  | {
      /** The request cannot be carried out on this cluster at all (wrong build, unsupported Java, downgrade, a revert below a non-revertible fix pack). */
      readonly type: 'error';
      readonly rule: string;
      readonly message: string;
      readonly request: MaintenanceRequest;
    };
