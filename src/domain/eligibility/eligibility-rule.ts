import type { EligibilityInput } from './eligibility-input.ts';
import type { RuleOutcome } from './verdict.ts';

/** One of Liferay's rolling-restart rules. `check` returns nothing when it has nothing to say. */
export interface EligibilityRule {
  readonly name: string;
  readonly appliesTo: (request: EligibilityInput['request']) => boolean;
  readonly check: (input: EligibilityInput) => readonly RuleOutcome[];
}
