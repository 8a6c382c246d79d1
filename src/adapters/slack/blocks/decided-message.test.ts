import { describe, expect, it } from 'vitest';
import { aRolloutPlan, aVerdict } from '../../../../test/builders/a-rollout-plan.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { decidedMessage, type RequestOutcome } from './decided-message.ts';
import type { SlackMessage } from './slack-message.ts';
import type { VerdictMessageInput } from './verdict-message.ts';

const eligible: VerdictMessageInput = { requestId: 'req-42', requestedBy: 'U1', verdict: aVerdict().build(), plan: aRolloutPlan().build() };
const ineligible: VerdictMessageInput = { ...eligible, verdict: aVerdict().ineligible().build(), plan: aRolloutPlan().fullShutdown().build() };
const asking: VerdictMessageInput = {
  ...eligible,
  verdict: aVerdict().asking({ topic: 'schema', text: 'Does x.jar change the database schema?', subjects: ['x.jar'] }).build(),
  plan: undefined,
};
const AT = '2025-01-06T10:42:31.000Z';

const lastContext = (m: SlackMessage): string => JSON.stringify(m.blocks.at(-1));

describe('decidedMessage', () => {
  const cases: ReadonlyArray<[string, VerdictMessageInput, RequestOutcome, string]> = [
    ['approved', eligible, { type: 'approved', by: 'U2', at: AT, strategy: 'rolling' }, '✅ Approved by <@U2> at <!date^1736160151^{time}|10:42 UTC>: the rollout starts'],
    ['a full shutdown approved', ineligible, { type: 'approved', by: 'U2', at: AT, strategy: 'full-shutdown' }, '✅ FULL SHUTDOWN approved by <@U2> at <!date^1736160151^{time}|10:42 UTC>: all nodes go down now'],
    ['rejected', eligible, { type: 'rejected', by: 'U2', at: AT, reason: 'not during business hours' }, '🚫 Rejected by <@U2>: not during business hours (<!date^1736160151^{time}|10:42 UTC>)'],
    ['rejected with a multi-line reason', eligible, { type: 'rejected', by: 'U2', at: AT, reason: 'wait\n for <!channel>\n' }, '🚫 Rejected by <@U2>: wait for &lt;!channel&gt; (<!date^1736160151^{time}|10:42 UTC>)'],
    ['rejected with no reason', asking, { type: 'rejected', by: 'U2', at: AT, reason: '  ' }, '🚫 Rejected by <@U2>: no reason given'],
    ['cancelled by the requester', asking, { type: 'cancelled', by: 'U1', at: AT }, '🚫 Cancelled by <@U1> at <!date^1736160151^{time}|10:42 UTC>'],
    ['expired', eligible, { type: 'expired', at: AT, ttlMinutes: 60 }, '⌛ Expired at <!date^1736160151^{time}|10:42 UTC>: no approval within 60 min; ask again with `/liferay fixpack install dxp-17-7110 on prod`'],
    ['superseded', ineligible, { type: 'superseded', at: AT }, '↪️ Superseded at <!date^1736160151^{time}|10:42 UTC>: the request was re-evaluated, see the newer message'],
    [
      'superseded, with what changed',
      ineligible,
      { type: 'superseded', at: AT, why: ['node2: portal-ext.properties changed since the verdict (facts read 3 min ago)'] },
      '↪️ Superseded at <!date^1736160151^{time}|10:42 UTC>: node2: portal-ext.properties changed since the verdict (facts read 3 min ago); the request was re-evaluated, see the newer message',
    ],
  ];

  it.each(cases)('%s: no buttons left, and a line says what happened', (_name, input, outcome, line) => {
    const m = decidedMessage(input, outcome);
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.blocks.filter((b) => b.type === 'actions')).toEqual([]);
    expect(m.blocks.at(-1)?.type).toBe('context');
    expect(lastContext(m)).toContain(JSON.stringify(line).slice(1, -1));
    expect(m.text).toContain(line.slice(0, 20));
    expect(lastContext(m)).not.toMatch(/\d\d:\d\d UTC[^>]/);
  });

  it('keeps Show plan (the plan can still be read) and names no approvers', () => {
    const m = decidedMessage({ ...eligible, approvers: { userIds: ['U2'], groupIds: ['S1'], notify: 'mention', allowSelfApproval: false } }, { type: 'rejected', by: 'U2', at: AT, reason: 'no' });
    const accessories = m.blocks.flatMap((b) => (b.type === 'section' && b.accessory !== undefined ? [b.accessory] : []));
    expect(accessories).toMatchObject([{ action_id: 'show-plan', text: { text: 'Show plan' } }]);
    expect(JSON.stringify(m)).not.toContain('<!subteam^S1>');
    expect(JSON.stringify(m)).not.toContain('Asked to approve');
  });

  it('keeps the request, verdict and plan', () => {
    const text = JSON.stringify(decidedMessage(eligible, { type: 'approved', by: 'U2', at: AT, strategy: 'rolling' }).blocks);
    for (const part of ['🔧 Fix pack dxp-17-7110 → prod', '*Requested by* <@U1>', '✅ *Eligible for a rolling restart*', '*Order:* node1 → node2 → node3']) expect(text).toContain(part);
    expect(text).not.toContain('approves within');
  });

  it('cuts a very long rejection reason', () => {
    const m = decidedMessage(eligible, { type: 'rejected', by: 'U2', at: AT, reason: 'r'.repeat(10_000) });
    expect(validateSlackMessage(m)).toEqual([]);
    expect(lastContext(m)).toContain('r…');
  });

  it('stays valid for a stress input', () => {
    const huge: VerdictMessageInput = { ...ineligible, verdict: aVerdict().ineligible().withReasons(300, 3000).build(), plan: aRolloutPlan().withNodes(100).fullShutdown().build() };
    expect(validateSlackMessage(decidedMessage(huge, { type: 'rejected', by: 'U2', at: AT, reason: 'no' }))).toEqual([]);
  });
});
