import { z } from 'zod';
import type { RolloutEvent, RolloutEventType } from '../../domain/rollout/rollout-event.ts';
import type { Assignable } from './assignable.ts';
import { StoredStepKind } from './stored-step-kind.ts';
import { upgradeStoredEvent } from './upgrade-stored-event.ts';
import { StoredText } from './stored-text.ts';

const StepPurpose = z.enum(['rollout', 'restore', 'rollback', 'recover']);
const RestorePurpose = z.enum(['restore', 'rollback']).exactOptional();
/** Events of bots from before the step kind travelled on the event lack `kind` and `purpose` (`upgradeStoredEvent`). */
const step = { at: z.string(), stepId: z.string(), node: z.string(), kind: StoredStepKind.exactOptional(), purpose: StepPurpose.exactOptional() };

/** A stored event as written, by this bot or an older one. */
export const StoredEventBody = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('RolloutStarted'), at: z.string(), planHash: z.string(), nodes: z.array(z.string()) }),
  z.looseObject({ type: z.literal('StepStarted'), ...step, title: z.string() }),
  z.looseObject({ type: z.literal('StepSucceeded'), ...step, durationMs: z.number(), detail: z.string().exactOptional() }),
  z.looseObject({
    type: z.literal('StepFailed'),
    ...step,
    durationMs: z.number(),
    message: z.string(),
    command: z.string().exactOptional(),
    exitCode: z.number().exactOptional(),
    outputTail: z.string(),
  }),
  z.looseObject({ type: z.literal('NodeDone'), at: z.string(), node: z.string(), durationMs: z.number() }),
  z.looseObject({ type: z.literal('RestoreStarted'), at: z.string(), node: z.string(), purpose: RestorePurpose }),
  z.looseObject({ type: z.literal('RestoreFinished'), at: z.string(), node: z.string(), ok: z.boolean(), message: z.string(), purpose: RestorePurpose }),
  z.looseObject({
    type: z.literal('NodeFound'),
    at: z.string(),
    node: z.string(),
    running: z.boolean(),
    healthy: z.boolean(),
    hasChange: z.enum(['yes', 'no', 'unknown']),
    detail: z.string(),
  }),
  z.looseObject({
    type: z.literal('RolloutResumed'),
    at: z.string(),
    mode: z.enum(['resume', 'retry', 'rollback', 'recover']),
    by: z.string(),
    nodes: z.array(z.string()),
    message: z.string(),
  }),
  z.looseObject({
    type: z.literal('RunStopping'),
    at: z.string(),
    cause: z.enum(['pause', 'abort', 'shutdown', 'store-failure', 'lease-lost']),
    by: z.string().exactOptional(),
    message: z.string(),
  }),
  z.looseObject({
    type: z.literal('RolloutDone'),
    at: z.string(),
    outcome: z.enum(['succeeded', 'failed', 'paused', 'interrupted', 'rolled-back']),
    durationMs: z.number(),
    summary: StoredText,
  }),
  z.looseObject({ type: z.literal('RolloutInterrupted'), at: z.string(), summary: StoredText }),
  z.looseObject({ type: z.literal('RolloutLeft'), at: z.string(), by: z.string(), summary: StoredText }),
]);
export type StoredEventBody = z.infer<typeof StoredEventBody>;

/** A stored event read back as a `RolloutEvent` (older shapes upgraded). */
export const StoredRolloutEvent = StoredEventBody.transform(upgradeStoredEvent);
export type StoredRolloutEvent = z.infer<typeof StoredRolloutEvent>;

type _ReadsRolloutEvent = Assignable<StoredRolloutEvent, RolloutEvent>;
type _NamesEveryEventType = Assignable<RolloutEventType, StoredEventBody['type']>; // every event type is stored
