import { z } from 'zod';
import type { Verdict } from '../../domain/eligibility/verdict.ts';
import { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { Assignable } from './assignable.ts';
import { orAbsent } from './or-absent.ts';

const StoredQuestion = z.looseObject({ topic: z.enum(['schema', 'revertible', 'java-major', 'facts']), text: z.string(), subjects: z.array(z.string()) });

/** A stored verdict (`Verdict`), with its reasons and questions. */
export const StoredVerdict = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('verdict'),
    verdict: z.enum(['eligible', 'ineligible', 'needs-confirmation']),
    reasons: z.array(z.looseObject({ rule: z.string(), message: z.string(), outcome: z.enum(['pass', 'block', 'confirm', 'note']) })),
    questions: z.array(StoredQuestion),
    request: MaintenanceRequest,
    revertTo: z.looseObject({ fixpack: orAbsent(z.string()) }).exactOptional(),
  }),
  z.looseObject({ type: z.literal('error'), rule: z.string(), message: z.string(), request: MaintenanceRequest }),
]);
export type StoredVerdict = z.infer<typeof StoredVerdict>;

type _ReadsVerdict = Assignable<StoredVerdict, Verdict>;
