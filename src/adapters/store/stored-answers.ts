import { z } from 'zod';
import type { Answers } from '../../domain/eligibility/eligibility-input.ts';
import type { Assignable } from './assignable.ts';

/** A request's stored answers (`Answers`). */
export const StoredAnswers = z.looseObject({
  revertible: z.array(z.string()).exactOptional(),
  javaSameMajor: z.boolean().exactOptional(),
});
export type StoredAnswers = z.infer<typeof StoredAnswers>;

type _ReadsAnswers = Assignable<StoredAnswers, Answers>;
