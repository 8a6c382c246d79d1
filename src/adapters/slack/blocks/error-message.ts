import type { RichText } from '../../../domain/text/rich-text.ts';
import { SLACK_USAGE, slackText } from '../render-text.ts';
import { verbatimSection } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { codeBlock } from './mrkdwn.ts';
import { SECTION_TEXT_MAX, type SlackMessage } from './slack-message.ts';

const LINE_MAX = 500;

export interface ErrorMessageOptions {
  /** Add the usage below the error (for parse errors). */
  readonly withUsage?: boolean;
}

/**
 * A one-line ephemeral error: `⚠️ <message>`, first line only, at most LINE_MAX characters. A
 * channel-neutral text shows its people and commands (`<@U1>`, `/liferay …`); a string is plain
 * words, escaped (it never becomes a mention); the section is `verbatim`, so an URL or `@here` the
 * user typed stays text.
 */
export function errorMessage(message: RichText | string, options: ErrorMessageOptions = {}): SlackMessage {
  const shown = slackText(typeof message === 'string' ? [message] : message);
  const first = shown.trim().split('\n')[0]?.trim() ?? '';
  const line = `⚠️ ${cutLine(first === '' ? 'something went wrong' : first, LINE_MAX)}`;
  return {
    text: line,
    blocks: [verbatimSection(line), ...(options.withUsage === true ? [verbatimSection(codeBlock(SLACK_USAGE, SECTION_TEXT_MAX))] : [])],
  };
}
