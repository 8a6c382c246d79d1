import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { catalogFromFacts, mergeCatalogs, type PatchCatalog } from '../liferay/patch-catalog.ts';
import { parsePatchId } from '../liferay/patch-id.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { ALL_RULES } from './all-rules.ts';
import { NO_EVIDENCE, NO_HISTORY, type Answers, type ArtifactEvidence, type EligibilityInput, type EligibilityPolicy, type FixpackHistory } from './eligibility-input.ts';
import type { EligibilityRule } from './eligibility-rule.ts';
import { FULL_SHUTDOWN_PROCEDURE } from './full-shutdown-procedure.ts';
import { levelBefore } from './level-before.ts';
import type { Question, Reason, RevertTarget, RuleOutcome, Verdict } from './verdict.ts';

export interface EvaluateOptions {
  readonly answers?: Answers;
  readonly policy?: EligibilityPolicy;
  /** Fix pack levels from the rollout records (where a revert goes back to); none by default. */
  readonly history?: FixpackHistory;
  readonly rules?: readonly EligibilityRule[];
  /** What the JAR inspector found in the request's artifact (module/plugin requests); none by default. */
  readonly artifacts?: ArtifactEvidence;
}

/** A fix pack revert's way back, when the level before the fix pack is known. */
function revertTargetOf({ request, facts, history }: EligibilityInput): { readonly revertTo?: RevertTarget } {
  if (request.kind !== 'fixpack' || request.action !== 'revert') return {};
  const patch = parsePatchId(request.patch);
  if (patch === undefined || patch.kind !== 'fixpack') return {};
  const before = levelBefore(patch, facts, history);
  return before.known ? { revertTo: { fixpack: before.fixpack?.id } } : {};
}

/**
 * May `request` be done by rolling restart on a cluster with these facts? Pure: the same inputs
 * always give the same verdict. Errors (wrong build, unsupported Java, downgrade) win over any
 * verdict; then any blocking rule makes it ineligible; then any open question asks for confirmation.
 */
export function evaluate(request: MaintenanceRequest, facts: ClusterFacts, catalog: PatchCatalog, options: EvaluateOptions = {}): Verdict {
  const input: EligibilityInput = {
    request,
    facts,
    catalog: mergeCatalogs(catalog, catalogFromFacts(facts.nonRevertible)),
    answers: options.answers ?? {},
    policy: options.policy ?? {},
    history: options.history ?? NO_HISTORY,
    artifacts: options.artifacts ?? NO_EVIDENCE,
  };
  const outcomes: RuleOutcome[] = (options.rules ?? ALL_RULES).filter((rule) => rule.appliesTo(request)).flatMap((rule) => rule.check(input));
  const error = outcomes.find((o) => o.outcome === 'error');
  if (error !== undefined) return { type: 'error', rule: error.rule, message: error.message, request };

  const reasons: Reason[] = outcomes.flatMap(({ rule, message, outcome }) => (outcome === 'error' ? [] : [{ rule, message, outcome }]));
  const questions: Question[] = outcomes.flatMap((o) => (o.outcome === 'confirm' ? [o.question] : []));
  const back = revertTargetOf(input);
  if (outcomes.some((o) => o.outcome === 'block')) {
    return { type: 'verdict', verdict: 'ineligible', reasons: [...reasons, { rule: 'full-shutdown', message: FULL_SHUTDOWN_PROCEDURE, outcome: 'note' }], questions: [], request, ...back };
  }
  if (questions.length > 0) return { type: 'verdict', verdict: 'needs-confirmation', reasons, questions, request, ...back };
  return { type: 'verdict', verdict: 'eligible', reasons, questions: [], request, ...back };
}
