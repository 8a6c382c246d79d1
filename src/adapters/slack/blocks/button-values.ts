import { z } from 'zod';
import { CodedError } from '../../../domain/coded-error.ts';
import { BUTTON_VALUE_MAX } from './slack-message.ts';

/** Request ids are ours; this bound keeps every button value far below Slack's 2000 characters. */
const RequestId = z.string().min(1).max(200);

/**
 * What Approve / Approve FULL SHUTDOWN / Reject carry: the request and the exact plan shown
 * (`planHash` is empty on a Reject button of a request that has no plan).
 */
export const DecisionValue = z
  .object({
    requestId: RequestId,
    planHash: z.string().regex(/^[0-9a-f]{0,128}$/),
    strategy: z.enum(['rolling', 'full-shutdown']),
  })
  .strict();
export type DecisionValue = z.infer<typeof DecisionValue>;

/** What an answer button carries: which question (index in `verdict.questions`) and the answer. */
export const AnswerValue = z.discriminatedUnion('topic', [
  z.object({ requestId: RequestId, question: z.number().int().min(0), topic: z.literal('schema'), answer: z.enum(['none', 'compatible', 'breaking']) }).strict(),
  z.object({ requestId: RequestId, question: z.number().int().min(0), topic: z.literal('revertible'), answer: z.enum(['yes', 'no']) }).strict(),
  z.object({ requestId: RequestId, question: z.number().int().min(0), topic: z.literal('java-major'), answer: z.enum(['yes', 'no']) }).strict(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

function encode<T>(schema: z.ZodType<T>, value: T): string {
  const checked = schema.safeParse(value);
  if (!checked.success) throw new CodedError('invalid_button_value', `button value rejected: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  const json = JSON.stringify(checked.data);
  if (json.length > BUTTON_VALUE_MAX) throw new CodedError('invalid_button_value', `button value of ${json.length} characters`);
  return json;
}

export const encodeDecisionValue = (value: DecisionValue): string => encode(DecisionValue, value);
export const encodeAnswerValue = (value: AnswerValue): string => encode(AnswerValue, value);

function decode<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A clicked button's `value` (untrusted), or `undefined` when it is not one of ours. */
export const decodeDecisionValue = (raw: unknown): DecisionValue | undefined => decode(DecisionValue, raw);
export const decodeAnswerValue = (raw: unknown): AnswerValue | undefined => decode(AnswerValue, raw);
