import { describe, expect, it } from 'vitest';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { postFailureMessage } from './post-failure-message.ts';

describe('postFailureMessage: why the request could not be posted, and the fix, in one line', () => {
  it.each([
    ['not_in_channel', '⚠️ I am not in <#C0OPS>: invite @liferay-rollout to <#C0OPS> (/invite @liferay-rollout), then ask again. Nothing was requested'],
    ['channel_not_found', '⚠️ I cannot see <#C0OPS> (a private channel I am not in, or one that is gone): invite @liferay-rollout to it (/invite @liferay-rollout), then ask again. Nothing was requested'],
    ['is_archived', '⚠️ <#C0OPS> is archived: unarchive it (or ask from the cluster\'s current channel), then ask again. Nothing was requested'],
    ['invalid_blocks', '⚠️ Slack refused to post the request in <#C0OPS> (invalid_blocks): ask again, and if it happens again tell whoever runs the bot. Nothing was requested'],
    ['<!channel> & co', '⚠️ Slack refused to post the request in <#C0OPS> (&lt;!channel&gt; &amp; co): ask again, and if it happens again tell whoever runs the bot. Nothing was requested'],
  ])('%s', (slackError, line) => {
    const m = postFailureMessage('C0OPS', slackError);
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.text).toBe(line);
    expect(m.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: line, verbatim: true } }]);
  });
});
