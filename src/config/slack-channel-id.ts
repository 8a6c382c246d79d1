import { z } from 'zod';

/** A Slack channel id (public `C…` or private/legacy group `G…`), not a `#name`. */
export const SlackChannelId = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C0123ABCD (not a #name)');
export type SlackChannelId = z.infer<typeof SlackChannelId>;
