import type { RolloutPlan } from './rollout-plan.ts';

/**
 * Every node the plan stops and starts again, in plan order: the changed nodes of a rolling plan,
 * every node of a full shutdown (skipped ones too: old and new must not run side by side).
 */
export function restartedNodes(plan: RolloutPlan): string[] {
  return [...new Set(plan.steps.filter((s) => s.action.kind === 'stop').map((s) => s.node))];
}
