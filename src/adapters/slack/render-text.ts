import { renderText, type RichText } from '../../domain/text/rich-text.ts';
import { requestUsage } from '../../domain/request/usage.ts';
import { cutLine } from './blocks/cut-text.ts';
import { escapeMrkdwn, mention } from './blocks/mrkdwn.ts';
import { slackTime } from './blocks/slack-time.ts';

/** The slash command people type: what a command part is shown after. */
export const SLASH_COMMAND = '/liferay';

const SLACK_ID = /^[A-Z0-9]{2,40}$/;

/** A user group mention for a Slack id; anything else escaped, never markup. */
const groupMention = (id: string): string => (SLACK_ID.test(id) ? `<!subteam^${id}>` : escapeMrkdwn(id));
const channelMention = (id: string): string => (SLACK_ID.test(id) ? `<#${id}>` : escapeMrkdwn(id));

/**
 * A channel-neutral text as Slack mrkdwn: plain words escaped, people `<@U1>`, groups
 * `<!subteam^S1>`, channels `<#C1>`, commands `/liferay <words>`, moments `<!date^…|… UTC>`.
 */
export function slackText(value: RichText): string {
  return value.map(slackPart).join('');
}

function slackPart(part: RichText[number]): string {
  return renderText([part], {
    plain: escapeMrkdwn,
    user: mention,
    group: groupMention,
    channel: channelMention,
    command: (words) => escapeMrkdwn(words === '' ? SLASH_COMMAND : `${SLASH_COMMAND} ${words}`),
    time: slackTime,
  });
}

/**
 * The text as Slack mrkdwn in at most `max` characters, ending in `…` when cut: plain words are cut
 * where they must (never inside an `&amp;` escape), a mention is kept whole or left out.
 */
export function slackLine(value: RichText, max: number): string {
  const full = slackText(value);
  if (full.length <= max) return full;
  let out = '';
  for (const part of value) {
    const shown = slackPart(part);
    const room = max - out.length;
    if (shown.length < room) {
      out += shown;
      continue;
    }
    return typeof part === 'string' ? out + cutLine(shown, room) : `${out}…`;
  }
  return out;
}

/** The request grammar as Slack shows it (`Usage: /liferay <change> on <cluster> …`). */
export const SLACK_USAGE = requestUsage(SLASH_COMMAND);
