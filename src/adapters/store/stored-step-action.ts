import { z } from 'zod';
import { DEFAULT_CLUSTER_SETTLE_SECONDS } from '../../domain/liferay/cluster-gate.ts';
import type { StepAction } from '../../domain/plan/rollout-step.ts';
import type { Assignable } from './assignable.ts';
import { StoredChangeAction } from './stored-change-action.ts';

/** What a plan step does (`StepAction`) as stored in a plan. */
export const StoredStepAction = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('connect') }),
  z.looseObject({ kind: z.literal('check-healthy'), url: z.string() }),
  z.looseObject({ kind: z.literal('probe') }),
  z.looseObject({ kind: z.literal('stage'), files: z.array(z.looseObject({ file: z.string(), sha256: z.string() })) }),
  z.looseObject({ kind: z.literal('drain'), command: z.string() }),
  z.looseObject({ kind: z.literal('stop'), command: z.string(), forceCommand: z.string(), timeoutSeconds: z.number() }),
  z.looseObject({ kind: z.literal('backup'), paths: z.array(z.string()) }),
  z.looseObject({ kind: z.literal('apply'), change: StoredChangeAction }),
  z.looseObject({ kind: z.literal('restore'), change: StoredChangeAction }),
  z.looseObject({ kind: z.literal('start'), command: z.string() }),
  z.looseObject({ kind: z.literal('wait-started'), logLine: z.string(), timeoutSeconds: z.number() }),
  z.looseObject({ kind: z.literal('wait-healthy'), url: z.string(), timeoutSeconds: z.number() }),
  // Plans stored before the settle window was a setting ran with the default one.
  z.looseObject({ kind: z.literal('wait-cluster'), members: z.number(), timeoutSeconds: z.number(), settleSeconds: z.number().default(DEFAULT_CLUSTER_SETTLE_SECONDS) }),
  z.looseObject({ kind: z.literal('enable'), command: z.string() }),
  z.looseObject({ kind: z.literal('verify'), change: StoredChangeAction }),
]);
export type StoredStepAction = z.infer<typeof StoredStepAction>;

type _ReadsStepAction = Assignable<StoredStepAction, StepAction>;
