import type { z } from 'zod';

/** A failed parse as one line: the first issue, with where it is (`verdict.reasons.0.rule: ...`). */
export function schemaProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unreadable';
  return issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`;
}
