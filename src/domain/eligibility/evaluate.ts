import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { catalogFromFacts, mergeCatalogs, type PatchCatalog } from '../liferay/patch-catalog.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { ALL_RULES } from './all-rules.ts';
import type { Answers, EligibilityPolicy } from './eligibility-input.ts';
import type { EligibilityRule } from './eligibility-rule.ts';
import { FULL_SHUTDOWN_PROCEDURE } from './full-shutdown-procedure.ts';
import type { Question, Reason, RuleOutcome, Verdict } from './verdict.ts';

export interface EvaluateOptions {
  readonly answers?: Answers;
  readonly policy?: EligibilityPolicy;
  readonly rules?: readonly EligibilityRule[];
}

/**
 * May `request` be done by rolling restart on a cluster with these facts? Pure: the same inputs
 * always give the same verdict. Errors (wrong build, unsupported Java, downgrade) win over any
 * verdict; then any blocking rule makes it ineligible; then any open question asks for confirmation.
 */
export function evaluate(request: MaintenanceRequest, facts: ClusterFacts, catalog: PatchCatalog, options: EvaluateOptions = {}): Verdict {
  const input = {
    request,
    facts,
    catalog: mergeCatalogs(catalog, catalogFromFacts(facts.nonRevertible)),
    answers: options.answers ?? {},
    policy: options.policy ?? {},
  };
  const outcomes: RuleOutcome[] = (options.rules ?? ALL_RULES).filter((rule) => rule.appliesTo(request)).flatMap((rule) => rule.check(input));
  const error = outcomes.find((o) => o.outcome === 'error');
  if (error !== undefined) return { type: 'error', rule: error.rule, message: error.message, request };

  const reasons: Reason[] = outcomes.flatMap(({ rule, message, outcome }) => (outcome === 'error' ? [] : [{ rule, message, outcome }]));
  const questions: Question[] = outcomes.flatMap((o) => (o.outcome === 'confirm' ? [o.question] : []));
  if (outcomes.some((o) => o.outcome === 'block')) {
    return { type: 'verdict', verdict: 'ineligible', reasons: [...reasons, { rule: 'full-shutdown', message: FULL_SHUTDOWN_PROCEDURE, outcome: 'note' }], questions: [], request };
  }
  if (questions.length > 0) return { type: 'verdict', verdict: 'needs-confirmation', reasons, questions, request };
  return { type: 'verdict', verdict: 'eligible', reasons, questions: [], request };
}
