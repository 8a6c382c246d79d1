import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from './approval-policy.ts';
import { canRequest } from './can-request.ts';
// The messages as Slack shows them (the domain gives people and commands as parts; Slack is where `<@U1>` and `/liferay` are spelled).
import { slackText } from '../../adapters/slack/render-text.ts';

const policy = (channels: readonly string[], cluster?: string): ApprovalPolicy => ({
  approverUserIds: ['U1'],
  approverGroupIds: [],
  allowSelfApproval: false,
  approvalTtlMinutes: 60,
  channels,
  ...(cluster === undefined ? {} : { cluster }),
});

describe('canRequest', () => {
  it.each([
    ['the only channel', ['C1'], 'C1'],
    ['one of several channels', ['C1', 'C2'], 'C2'],
  ])('allows %s', (_name, channels, channel) => {
    expect(canRequest(policy(channels, 'prod'), channel)).toEqual({ ok: true });
  });

  it.each([
    ['another channel', policy(['C1', 'C2'], 'prod'), 'C9', 'Requests for prod are taken only in <#C1>, <#C2>: ask there'],
    ['a direct message', policy(['C1'], 'prod'), 'D123', 'Requests for prod are taken only in <#C1>: ask there'],
    ['a cluster with no channels', policy([], 'prod'), 'C1', 'No channel may request maintenance of prod: add one under its channels in the inventory'],
    ['many channels', policy(Array.from({ length: 12 }, (_, i) => `C${i}`), 'prod'), 'C99', '<#C9> and 2 more: ask there'],
    ['a policy without a cluster name', policy(['C1']), 'C2', 'Requests for this cluster are taken only in <#C1>'],
  ])('refuses %s', (_name, p, channel, message) => {
    const decision = canRequest(p, channel);
    expect(decision).toMatchObject({ ok: false, code: 'wrong_channel' });
    expect(!decision.ok && slackText(decision.message)).toContain(message);
  });
});
