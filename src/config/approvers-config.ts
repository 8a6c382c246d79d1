import { z } from 'zod';
import { SlackUserGroupId } from './slack-user-group-id.ts';
import { SlackUserId } from './slack-user-id.ts';

/** Who may approve a cluster's requests: Slack users and members of Slack user groups. */
export const ApproversConfig = z
  .object({
    users: z.array(SlackUserId).default([]),
    groups: z.array(SlackUserGroupId).default([]),
  })
  .strict()
  .refine((a) => a.users.length + a.groups.length > 0, 'expected at least one approver: a user (U…) or a user group (S…)');
export type ApproversConfig = z.infer<typeof ApproversConfig>;
