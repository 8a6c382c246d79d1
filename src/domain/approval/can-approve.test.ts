import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from './approval-policy.ts';
import { canApprove } from './can-approve.ts';
import type { PendingApproval } from './pending-approval.ts';
// The messages as Slack shows them (the domain gives people and commands as parts; Slack is where `<@U1>` and `/liferay` are spelled).
import { slackText } from '../../adapters/slack/render-text.ts';

const policy: ApprovalPolicy = { cluster: 'prod', approverUserIds: ['U1', 'U2'], approverGroupIds: ['S1'], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C1'] };
const HASH = 'a'.repeat(12) + 'b'.repeat(52);
const pending: PendingApproval = {
  requestedBy: 'U1',
  requestedAt: '2025-01-06T10:00:00.000Z',
  planHash: HASH,
  status: 'awaiting-approval',
  dryRun: false,
  requestText: 'fixpack install dxp-17-7110 on prod',
};
const at = (iso: string): Date => new Date(iso);
const NOW = at('2025-01-06T10:30:00.000Z');

/** Overrides; `undefined` removes an optional field. */
type Loose<T> = { readonly [K in keyof T]?: T[K] | undefined };

interface Row {
  readonly name: string;
  readonly policy?: Loose<ApprovalPolicy>;
  readonly pending?: Loose<PendingApproval>;
  readonly approver?: string;
  readonly groups?: readonly string[];
  readonly shown?: string;
  readonly now?: Date;
  readonly code?: string;
  readonly message?: string;
}

const rows: readonly Row[] = [
  { name: 'an approver user other than the requester', approver: 'U2' },
  { name: 'a member of an approver group', approver: 'U9', groups: ['S0', 'S1'] },
  { name: 'the requester when self-approval is allowed', approver: 'U1', policy: { allowSelfApproval: true } },
  { name: 'one minute before expiry', approver: 'U2', now: at('2025-01-06T10:59:00.000Z') },
  { name: 'one millisecond before expiry', approver: 'U2', now: at('2025-01-06T10:59:59.999Z') },
  { name: 'a request from the future (clock skew)', approver: 'U2', now: at('2025-01-06T09:59:00.000Z') },
  {
    name: 'a user who is no approver',
    approver: 'U9',
    groups: ['S7'],
    code: 'not_approver',
    message: 'Only approvers of prod can approve (users <@U1>, <@U2>, group <!subteam^S1>)',
  },
  {
    name: 'a user when only one approver user and no group is configured',
    approver: 'U9',
    policy: { approverUserIds: ['U1'], approverGroupIds: [] },
    code: 'not_approver',
    message: 'Only approvers of prod can approve (user <@U1>)',
  },
  {
    name: 'anyone when no approver is configured',
    approver: 'U9',
    policy: { approverUserIds: [], approverGroupIds: [] },
    code: 'not_approver',
    message: 'Only approvers of prod can approve (none configured)',
  },
  {
    name: 'a user when twelve approvers are configured',
    approver: 'U99',
    policy: { approverUserIds: Array.from({ length: 12 }, (_, i) => `U${i + 1}`), approverGroupIds: ['S1', 'S2'] },
    code: 'not_approver',
    message:
      'Only approvers of prod can approve (users <@U1>, <@U2>, <@U3>, <@U4>, <@U5>, <@U6>, <@U7>, <@U8>, <@U9>, <@U10> and 2 more, groups <!subteam^S1>, <!subteam^S2>)',
  },
  {
    name: 'the requester (self-approval off)',
    approver: 'U1',
    code: 'self_approval',
    message: 'You asked for this change; another approver must approve it (self-approval is off for prod)',
  },
  {
    name: 'the requester through a group (self-approval off)',
    approver: 'U1',
    groups: ['S1'],
    policy: { approverUserIds: [] },
    code: 'self_approval',
  },
  {
    name: 'one millisecond after expiry',
    approver: 'U2',
    now: at('2025-01-06T11:00:00.001Z'),
    code: 'expired',
    message: 'This approval request expired less than a minute ago (approvals last 60 min): ask again with /liferay fixpack install dxp-17-7110 on prod',
  },
  {
    name: 'exactly at expiry',
    approver: 'U2',
    now: at('2025-01-06T11:00:00.000Z'),
    code: 'expired',
    message: 'This approval request expired less than a minute ago (approvals last 60 min): ask again with /liferay fixpack install dxp-17-7110 on prod',
  },
  {
    name: '12 minutes after expiry',
    approver: 'U2',
    now: at('2025-01-06T11:12:30.000Z'),
    code: 'expired',
    message: 'This approval request expired 12 minutes ago (approvals last 60 min): ask again with /liferay fixpack install dxp-17-7110 on prod',
  },
  { name: '1 minute after expiry', approver: 'U2', now: at('2025-01-06T11:01:00.000Z'), code: 'expired', message: 'This approval request expired 1 minute ago' },
  { name: '5 hours after expiry', approver: 'U2', now: at('2025-01-06T16:00:00.000Z'), code: 'expired', message: 'expired 5 hours ago' },
  { name: '3 days after expiry', approver: 'U2', now: at('2025-01-09T11:00:00.000Z'), code: 'expired', message: 'expired 3 days ago' },
  { name: 'a short TTL', approver: 'U2', policy: { approvalTtlMinutes: 15 }, code: 'expired', message: 'expired 15 minutes ago (approvals last 15 min)' },
  {
    name: 'a request marked expired, without its text',
    approver: 'U2',
    pending: { status: 'expired', requestText: undefined },
    code: 'expired',
    message: 'This approval request has expired (approvals last 60 min): ask again with /liferay',
  },
  { name: 'an unreadable request time (fails closed)', approver: 'U2', pending: { requestedAt: 'yesterday' }, code: 'expired', message: 'has expired' },
  {
    name: 'a second click after approval',
    approver: 'U2',
    pending: { status: 'approved', decidedBy: 'U2', decidedAt: '2025-01-06T10:42:10.000Z' },
    code: 'already_decided',
    message: 'Already approved by <@U2> at <!date^1736160130^{time}|10:42 UTC>',
  },
  { name: 'a click after a rejection', approver: 'U2', pending: { status: 'rejected', decidedBy: 'U3', decidedAt: '2025-01-06T10:05:00.000Z' }, code: 'already_decided', message: 'Already rejected by <@U3> at <!date^1736157900^{time}|10:05 UTC>' },
  { name: 'a click after a cancel, with no decider recorded', approver: 'U2', pending: { status: 'cancelled' }, code: 'already_decided', message: 'Already cancelled' },
  { name: 'a non-approver clicking a decided request', approver: 'U9', pending: { status: 'approved', decidedBy: 'U2' }, code: 'already_decided' },
  {
    name: 'a click on a superseded message',
    approver: 'U2',
    pending: { status: 'superseded' },
    code: 'superseded',
    message: 'This message is out of date: the request for prod was re-evaluated and posted again; use the newest message',
  },
  {
    name: 'a request still waiting for answers',
    approver: 'U2',
    pending: { status: 'awaiting-answers' },
    code: 'awaiting_answers',
    message: 'This request has an open question: <@U1> must answer it before it can be approved',
  },
  {
    name: 'a plan that changed since the message was shown',
    approver: 'U2',
    shown: 'c'.repeat(64),
    code: 'stale_plan',
    message: 'The plan changed since this message was posted (shown cccccccccccc, now aaaaaaaaaaaa): the request is re-evaluated and must be approved again',
  },
  { name: 'a non-approver on a stale plan (authorization first)', approver: 'U9', shown: 'c'.repeat(64), code: 'not_approver' },
  {
    name: 'a dry run, by an approver',
    approver: 'U2',
    pending: { dryRun: true, requestText: 'fixpack install dxp-17-7110 on prod --dry-run' },
    code: 'dry_run',
    message: 'This was a dry run: nothing is approved or changed. To make the change, ask again without --dry-run: /liferay fixpack install dxp-17-7110 on prod',
  },
  {
    name: 'a dry run with a schema flag keeps the flag',
    approver: 'U2',
    pending: { dryRun: true, requestText: 'module update x.jar on prod --schema none --dry-run' },
    code: 'dry_run',
    message: 'ask again without --dry-run: /liferay module update x.jar on prod --schema none',
  },
  { name: 'a dry run, by the requester with self-approval on', approver: 'U1', policy: { allowSelfApproval: true }, pending: { dryRun: true }, code: 'dry_run' },
  { name: 'a dry run, even past its expiry', approver: 'U2', pending: { dryRun: true }, now: at('2025-01-06T12:00:00.000Z'), code: 'dry_run' },
  { name: 'a dry run, by a non-approver', approver: 'U9', pending: { dryRun: true }, code: 'dry_run' },
  { name: 'a dry run without its text', approver: 'U2', pending: { dryRun: true, requestText: undefined }, code: 'dry_run', message: 'ask again without --dry-run: /liferay &lt;the same request without --dry-run&gt;' },
  { name: 'a policy without a cluster name', approver: 'U9', policy: { cluster: undefined }, code: 'not_approver', message: 'Only approvers of this cluster can approve' },
];

describe('canApprove', () => {
  it.each(rows)('$name', (row) => {
    const decision = canApprove({
      policy: merge(policy, row.policy),
      pending: merge(pending, row.pending),
      approver: { userId: row.approver ?? 'U2', groupIds: row.groups ?? [] },
      shownPlanHash: row.shown ?? HASH,
      now: row.now ?? NOW,
    });
    if (row.code === undefined) {
      expect(decision).toEqual({ ok: true });
      return;
    }
    expect(decision).toMatchObject({ ok: false, code: row.code });
    if (row.message !== undefined && !decision.ok) expect(slackText(decision.message)).toContain(row.message);
  });

  it('explains in one line every time', () => {
    const decision = canApprove({ policy, pending, approver: { userId: 'U9', groupIds: [] }, shownPlanHash: HASH, now: NOW });
    expect(!decision.ok && slackText(decision.message)).not.toContain('\n');
  });
});

/** `base` with `overrides` applied; an override of `undefined` removes the field. */
function merge<T extends object>(base: T, overrides: Loose<T> | undefined): T {
  return Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, v]) => v !== undefined)) as T;
}
