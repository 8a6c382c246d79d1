import { z } from 'zod';
import type { PlanStep } from '../../domain/plan/rollout-step.ts';
import type { Assignable } from './assignable.ts';
import { StoredStepAction } from './stored-step-action.ts';

/** One step of a stored plan (`PlanStep`). */
export const StoredPlanStep = z.looseObject({
  id: z.string(),
  node: z.string(),
  phase: z.enum(['preflight', 'node', 'postcheck']),
  action: StoredStepAction,
  title: z.string(),
});
export type StoredPlanStep = z.infer<typeof StoredPlanStep>;

type _ReadsPlanStep = Assignable<StoredPlanStep, PlanStep>;
