import { z } from 'zod';

/** A Slack user group id (`S…`), not a `@handle`. */
export const SlackUserGroupId = z
  .string()
  .regex(/^S[A-Z0-9]{2,}$/, 'expected a Slack user group id like S0123ABCD (not an @handle)');
export type SlackUserGroupId = z.infer<typeof SlackUserGroupId>;
