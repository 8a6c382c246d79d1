import { cutLine, cutText, cutTextTail } from './cut-text.ts';

/** Slack's three control characters in mrkdwn: user text can never become a mention, link or `<!channel>`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SLACK_ID = /^[A-Z0-9]{2,40}$/;

/** `<@U123>` for a Slack user id; anything that is not an id is shown escaped, never as markup. */
export function mention(userId: string): string {
  return SLACK_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Inline code: escaped, one line, backticks replaced so the span cannot end early. */
export function code(text: string, max = 500): string {
  const inline = escapeMrkdwn(text.replace(/`/g, "'").replace(/\s*\n\s*/g, ' '));
  return `\`${cutLine(inline, max)}\``;
}

const FENCE = '```';

/** A code block of at most `max` characters (fences included), keeping the END of `text` (output tails). */
export function codeBlockTail(text: string, max: number): string {
  const body = escapeMrkdwn(text.replace(/```/g, "'''")).replace(/\s+$/, '');
  const room = max - FENCE.length * 2 - 2;
  return `${FENCE}\n${cutTextTail(body.length === 0 ? '(no output)' : body, room)}\n${FENCE}`;
}

/** A code block of at most `max` characters (fences included), keeping the START of `text`. */
export function codeBlock(text: string, max: number): string {
  const body = escapeMrkdwn(text.replace(/```/g, "'''")).replace(/\s+$/, '');
  const room = max - FENCE.length * 2 - 2;
  return `${FENCE}\n${cutText(body.length === 0 ? ' ' : body, room)}\n${FENCE}`;
}

/** The first 12 characters of a plan hash, as messages show it. */
export const shortHash = (hash: string): string => hash.slice(0, 12);
