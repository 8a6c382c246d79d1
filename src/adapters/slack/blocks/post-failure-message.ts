import { channel, text, type RichText } from '../../../domain/text/rich-text.ts';
import { errorMessage } from './error-message.ts';
import type { SlackMessage } from './slack-message.ts';

/** The bot's display name (manifest.yml `bot_user.display_name`), as people type it in `/invite`. */
export const BOT_NAME = '@liferay-rollout';

const invite = `/invite ${BOT_NAME}`;

/**
 * Why the request's message could not be posted in `channelId`, and the fix, in one line: told to the
 * requester through the command's own response (an ephemeral reply needs no channel membership).
 */
export function postFailureLine(channelId: string, slackError: string): RichText {
  const where = channel(channelId);
  const fix: RichText = (() => {
    switch (slackError) {
      case 'not_in_channel':
        return text`I am not in ${where}: invite ${BOT_NAME} to ${where} (${invite}), then ask again`;
      case 'channel_not_found':
        return text`I cannot see ${where} (a private channel I am not in, or one that is gone): invite ${BOT_NAME} to it (${invite}), then ask again`;
      case 'is_archived':
        return text`${where} is archived: unarchive it (or ask from the cluster's current channel), then ask again`;
      default:
        return text`Slack refused to post the request in ${where} (${slackError}): ask again, and if it happens again tell whoever runs the bot`;
    }
  })();
  return text`${fix}. Nothing was requested`;
}

/** The one-line ephemeral of a request whose message could not be posted. */
export function postFailureMessage(channelId: string, slackError: string): SlackMessage {
  return errorMessage(postFailureLine(channelId, slackError));
}
