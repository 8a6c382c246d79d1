import { z } from 'zod';
import { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Assignable } from './assignable.ts';
import { StoredPlanStep } from './stored-plan-step.ts';

/** A stored plan (`RolloutPlan`). Plans stored before `skipped` or `nodeFacts` existed read with none (`[]`, `{}`). */
export const StoredRolloutPlan = z.looseObject({
  cluster: z.string(),
  request: MaintenanceRequest,
  verdict: z.enum(['eligible', 'ineligible', 'needs-confirmation']),
  strategy: z.enum(['rolling', 'full-shutdown']),
  nodes: z.array(z.string()),
  skipped: z.array(z.looseObject({ node: z.string(), reason: z.string() })).default([]),
  nodeFacts: z.record(z.string(), ClusterFacts).default({}),
  artifacts: z.array(z.looseObject({ file: z.string(), sha256: z.string(), bytes: z.number() })),
  steps: z.array(StoredPlanStep),
  expectedMinutes: z.number(),
  hash: z.string(),
});
export type StoredRolloutPlan = z.infer<typeof StoredRolloutPlan>;

type _ReadsRolloutPlan = Assignable<StoredRolloutPlan, RolloutPlan>;
