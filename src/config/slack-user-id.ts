import { z } from 'zod';

/** A Slack user id (`U…`, or `W…` on Enterprise Grid), not an `@name`. */
export const SlackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id like U0123ABCD (not an @name)');
export type SlackUserId = z.infer<typeof SlackUserId>;
