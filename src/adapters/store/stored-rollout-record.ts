import { z } from 'zod';
import { ROLLOUT_STATUSES, type RolloutRecord } from '../../app/rollout-record.ts';
import { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Assignable } from './assignable.ts';
import { orAbsent } from './or-absent.ts';
import { StoredAnswers } from './stored-answers.ts';
import { StoredRolloutPlan } from './stored-rollout-plan.ts';
import { StoredVerdict } from './stored-verdict.ts';
import { StoredText } from './stored-text.ts';

/** A stored rollout record's body (`RolloutRecord`). */
export const StoredRolloutRecord = z.looseObject({
  id: z.string(),
  cluster: z.string(),
  request: MaintenanceRequest,
  requestText: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  channelId: orAbsent(z.string()),
  messageTs: orAbsent(z.string()),
  facts: ClusterFacts,
  answers: StoredAnswers,
  verdict: StoredVerdict,
  plan: orAbsent(StoredRolloutPlan),
  status: z.enum(ROLLOUT_STATUSES),
  decidedBy: orAbsent(z.string()),
  decidedAt: orAbsent(z.string()),
  decisionNote: orAbsent(z.string()),
  updatedAt: z.string(),
  control: z.looseObject({ kind: z.enum(['pause', 'abort']), by: z.string(), at: z.string() }).optional(),
  outcomeNote: StoredText.optional(),
  factsReadAt: z.string().optional(),
});
export type StoredRolloutRecord = z.infer<typeof StoredRolloutRecord>;

type _ReadsRolloutRecord = Assignable<StoredRolloutRecord, RolloutRecord>;
