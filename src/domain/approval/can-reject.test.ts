import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from './approval-policy.ts';
import { canReject } from './can-reject.ts';
import type { ApprovalStatus, PendingApproval } from './pending-approval.ts';
// The messages as Slack shows them (the domain gives people and commands as parts; Slack is where `<@U1>` and `/liferay` are spelled).
import { slackText } from '../../adapters/slack/render-text.ts';

const policy: ApprovalPolicy = { cluster: 'prod', approverUserIds: ['U2'], approverGroupIds: ['S1'], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C1'] };
const pending = (status: ApprovalStatus = 'awaiting-approval', extra: Partial<PendingApproval> = {}): PendingApproval => ({
  requestedBy: 'U1',
  requestedAt: '2025-01-06T10:00:00.000Z',
  planHash: 'f'.repeat(64),
  status,
  dryRun: false,
  ...extra,
});
const NOW = new Date('2025-01-06T10:30:00.000Z');

describe('canReject', () => {
  it.each([
    ['an approver user', 'U2', [], pending()],
    ['a member of an approver group', 'U7', ['S1'], pending()],
    ['the requester cancelling their own request', 'U1', [], pending()],
    ['the requester while the request waits for answers', 'U1', [], pending('awaiting-answers')],
    ['an approver while the request waits for answers', 'U2', [], pending('awaiting-answers')],
  ] as const)('allows %s', (_name, userId, groupIds, p) => {
    expect(canReject({ policy, pending: p, user: { userId, groupIds }, now: NOW })).toEqual({ ok: true });
  });

  it.each([
    ['someone else', 'U9', pending(), 'not_approver_or_requester', 'Only approvers of prod (user <@U2>, group <!subteam^S1>) or the requester <@U1> can reject this request'],
    ['a second click after a rejection', 'U2', pending('rejected', { decidedBy: 'U2', decidedAt: '2025-01-06T10:20:00.000Z' }), 'already_decided', 'Already rejected by <@U2> at <!date^1736158800^{time}|10:20 UTC>'],
    ['a reject after approval', 'U1', pending('approved', { decidedBy: 'U2', decidedAt: '2025-01-06T10:42:00.000Z' }), 'already_decided', 'Already approved by <@U2> at <!date^1736160120^{time}|10:42 UTC>'],
    ['a reject on a superseded message', 'U2', pending('superseded'), 'superseded', 'This message is out of date'],
    ['a reject after expiry', 'U2', pending('awaiting-approval', { requestedAt: '2025-01-06T09:00:00.000Z' }), 'expired', 'expired 30 minutes ago'],
  ] as const)('refuses %s', (_name, userId, p, code, message) => {
    const decision = canReject({ policy, pending: p, user: { userId, groupIds: [] }, now: NOW });
    expect(decision).toMatchObject({ ok: false, code });
    expect(!decision.ok && slackText(decision.message)).toContain(message);
  });
});
