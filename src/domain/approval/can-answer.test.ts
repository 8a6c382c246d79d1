import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from './approval-policy.ts';
import { canAnswer } from './can-answer.ts';
import type { ApprovalStatus, PendingApproval } from './pending-approval.ts';
// The messages as Slack shows them (the domain gives people and commands as parts; Slack is where `<@U1>` and `/liferay` are spelled).
import { slackText } from '../../adapters/slack/render-text.ts';

const policy: ApprovalPolicy = { cluster: 'prod', approverUserIds: ['U2'], approverGroupIds: [], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C1'] };
const pending = (status: ApprovalStatus, requestedAt = '2025-01-06T10:00:00.000Z'): PendingApproval => ({ requestedBy: 'U1', requestedAt, planHash: '', status, dryRun: false });
const NOW = new Date('2025-01-06T10:10:00.000Z');

describe('canAnswer', () => {
  it.each([
    ['the requester, while answers are awaited', 'U1', pending('awaiting-answers'), undefined, ''],
    ['an approver', 'U2', pending('awaiting-answers'), 'not_requester', 'Only <@U1>, who asked for this change, can answer its questions'],
    ['a second answer', 'U1', pending('awaiting-approval'), 'already_answered', 'This question was already answered'],
    ['an answer after a rejection', 'U1', pending('rejected'), 'already_decided', 'Already rejected'],
    ['an answer on a superseded message', 'U1', pending('superseded'), 'superseded', 'out of date'],
    ['an answer after expiry', 'U1', pending('awaiting-answers', '2025-01-06T08:00:00.000Z'), 'expired', 'expired 70 minutes ago'],
  ])('%s', (_name, userId, p, code, message) => {
    const decision = canAnswer({ policy, pending: p, user: { userId, groupIds: [] }, now: NOW });
    if (code === undefined) {
      expect(decision).toEqual({ ok: true });
      return;
    }
    expect(decision).toMatchObject({ ok: false, code });
    expect(!decision.ok && slackText(decision.message)).toContain(message);
  });
});
