import { z } from 'zod';

/** Longest reason kept (the reject modal's input allows the same). */
export const REJECT_REASON_MAX = 1000;

/** What a rejecter typed in the modal: trimmed, not empty, at most REJECT_REASON_MAX characters. */
export const RejectReason = z
  .string()
  .trim()
  .min(1, 'say why, so the requester knows what to change')
  .max(REJECT_REASON_MAX, `at most ${REJECT_REASON_MAX} characters`);
export type RejectReason = z.infer<typeof RejectReason>;
