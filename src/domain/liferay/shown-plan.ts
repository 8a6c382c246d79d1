import { assertNever } from '../assert-never.ts';
import type { ChangeAction } from '../plan/change-action.ts';
import type { RolloutPlan } from '../plan/rollout-plan.ts';
import type { StepAction } from '../plan/rollout-step.ts';
import { maskSecret } from './mask-secret.ts';
import { maskedJvmOption, maskedRequest } from './masked-request.ts';

function maskedChange(change: ChangeAction): ChangeAction {
  switch (change.type) {
    case 'set-properties':
    case 'set-osgi-config':
      return { ...change, settings: change.settings.map((s) => ({ key: s.key, value: maskSecret(s.key, s.value) })) };
    case 'jvm-options':
      return { ...change, options: change.options.map(maskedJvmOption) };
    case 'java-home':
    case 'patch-install':
    case 'patch-revert':
    case 'place-file':
    case 'unset-properties':
      return change;
  }
  return assertNever(change, 'change action');
}

const maskedAction = (action: StepAction): StepAction => (action.kind === 'apply' || action.kind === 'restore' || action.kind === 'verify' ? { ...action, change: maskedChange(action.change) } : action);

/**
 * The plan as it may be printed (`plan --json`): its request's and its steps' secret values masked,
 * same keys. The hash stays the real plan's (the one an approval is bound to): this is a view of
 * the plan, never one to hash, store or run.
 */
export function shownPlan(plan: RolloutPlan): RolloutPlan {
  return { ...plan, request: maskedRequest(plan.request), steps: plan.steps.map((step) => ({ ...step, action: maskedAction(step.action) })) };
}
