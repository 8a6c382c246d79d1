import { USAGE } from '../../../domain/request/usage.ts';
import { section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { codeBlock, escapeMrkdwn } from './mrkdwn.ts';
import { SECTION_TEXT_MAX, type SlackMessage } from './slack-message.ts';

const LINE_MAX = 500;

export interface ErrorMessageOptions {
  /** Add the usage below the error (for parse errors). */
  readonly withUsage?: boolean;
}

/** Escapes the text but keeps user and user-group mentions (`<@U…>`, `<!subteam^S…>`) working. */
const escapeKeepingMentions = (text: string): string => escapeMrkdwn(text).replace(/&lt;(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+)&gt;/g, '<$1>');

/** A one-line ephemeral error: `⚠️ <message>`, escaped (mentions kept), first line only, at most LINE_MAX characters. */
export function errorMessage(message: string, options: ErrorMessageOptions = {}): SlackMessage {
  const first = message.trim().split('\n')[0]?.trim() ?? '';
  const line = `⚠️ ${cutLine(escapeKeepingMentions(first === '' ? 'something went wrong' : first), LINE_MAX)}`;
  return {
    text: line,
    blocks: [section(line), ...(options.withUsage === true ? [section(codeBlock(USAGE, SECTION_TEXT_MAX))] : [])],
  };
}
