import { describe, expect, it } from 'vitest';
import { aVerdict } from '../../../../test/builders/a-rollout-plan.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { approvalRequestDm } from './approval-request-dm.ts';

const base = { requestedBy: 'U0MARIA', verdict: aVerdict().build(), channelId: 'C0PROD', approvalTtlMinutes: 60 };

describe('approvalRequestDm: what an approver gets with notify: dm', () => {
  it.each([
    ['a permalink: a link to the message', 'https://liferay-ops.slack.com/archives/C0PROD/p1700000000000100', '<https://liferay-ops.slack.com/archives/C0PROD/p1700000000000100|Open the request in <#C0PROD>>: Approve or Reject there, within 60 min.'],
    ['no permalink: the channel', undefined, 'The request is in <#C0PROD>: Approve or Reject there, within 60 min.'],
    ['a permalink that could break the markup: the channel', 'https://x.slack.com/a|b>', 'The request is in <#C0PROD>'],
  ])('%s', (_name, permalink, where) => {
    const m = approvalRequestDm({ ...base, permalink });
    expect(validateSlackMessage(m)).toEqual([]);
    expect(JSON.stringify(m.blocks)).toContain('🙋 <@U0MARIA> asks you to approve *Fix pack dxp-17-7110 → prod*');
    expect(JSON.stringify(m.blocks)).toContain(JSON.stringify(where).slice(1, -1));
    expect(m.text).toBe('<@U0MARIA> asks you to approve Fix pack dxp-17-7110 → prod');
  });
});
