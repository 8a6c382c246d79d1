import { z } from 'zod';
import type { StepKind } from '../../domain/plan/rollout-step.ts';
import type { Assignable } from './assignable.ts';

/** Every `StepKind`, as a stored event names it. */
export const StoredStepKind = z.enum(['connect', 'check-healthy', 'probe', 'stage', 'drain', 'stop', 'backup', 'apply', 'restore', 'start', 'wait-started', 'wait-healthy', 'wait-cluster', 'enable', 'verify']);
export type StoredStepKind = z.infer<typeof StoredStepKind>;

type _ReadsStepKind = Assignable<StoredStepKind, StepKind>;
type _NamesEveryStepKind = Assignable<StepKind, StoredStepKind>; // every step kind is stored
