import { z } from 'zod';
import type { Verdict } from '../../domain/eligibility/verdict.ts';
import { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Assignable } from './assignable.ts';
import { orAbsent } from './or-absent.ts';

const StoredQuestion = z.looseObject({ topic: z.enum(['schema', 'revertible', 'java-major', 'facts']), text: z.string(), subjects: z.array(z.string()) });

const StoredSettingChange = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('changed'), from: z.string(), to: z.string() }),
  z.looseObject({ kind: z.literal('added'), to: z.string() }),
  z.looseObject({ kind: z.literal('removed'), from: z.string() }),
  z.looseObject({ kind: z.literal('unchanged'), value: orAbsent(z.string()) }),
]);

/** A verdict's `changes` (`SettingDiff`): its values were masked before they were stored. */
const StoredSettingDiff = z.looseObject({
  file: z.string(),
  keys: z.array(z.looseObject({ key: z.string(), to: orAbsent(z.string()), masked: z.boolean(), byNodes: z.array(z.looseObject({ nodes: z.array(z.string()), change: StoredSettingChange })) })),
  unread: z.array(z.string()),
});

/** A stored verdict (`Verdict`), with its reasons and questions. */
export const StoredVerdict = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('verdict'),
    verdict: z.enum(['eligible', 'ineligible', 'needs-confirmation']),
    reasons: z.array(z.looseObject({ rule: z.string(), message: z.string(), outcome: z.enum(['pass', 'block', 'confirm', 'note']) })),
    questions: z.array(StoredQuestion),
    request: MaintenanceRequest,
    revertTo: z.looseObject({ fixpack: orAbsent(z.string()) }).exactOptional(),
    changes: StoredSettingDiff.exactOptional(),
  }),
  z.looseObject({ type: z.literal('error'), rule: z.string(), message: z.string(), request: MaintenanceRequest }),
]);
export type StoredVerdict = z.infer<typeof StoredVerdict>;

type _ReadsVerdict = Assignable<StoredVerdict, Verdict>;
