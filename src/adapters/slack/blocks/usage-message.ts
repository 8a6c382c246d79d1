import { SLACK_USAGE } from '../render-text.ts';
import { verbatimSection } from './block-kit.ts';
import { codeBlock, escapeMrkdwn } from './mrkdwn.ts';
import { SECTION_TEXT_MAX, TEXT_MAX, type SlackMessage } from './slack-message.ts';
import { cutLine } from './cut-text.ts';

/** `/liferay` or `/liferay help`: the grammar with an example per form (send it ephemeral). */
export function usageMessage(): SlackMessage {
  return {
    text: cutLine(escapeMrkdwn(SLACK_USAGE.split('\n')[0] ?? 'Usage: /liferay help'), TEXT_MAX),
    blocks: [verbatimSection(codeBlock(SLACK_USAGE, SECTION_TEXT_MAX))],
  };
}
