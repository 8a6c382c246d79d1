import { z } from 'zod';

/** Operator-written text that must fit on one line (commands, log lines): not blank, no CR/LF/NUL. */
export const SingleLineText = z
  .string()
  .refine((s) => s.trim() !== '', 'must not be empty')
  .refine((s) => !/[\r\n\0]/.test(s), 'must be a single line (no line breaks)');
export type SingleLineText = z.infer<typeof SingleLineText>;
