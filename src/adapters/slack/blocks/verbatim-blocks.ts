import { cutText } from './cut-text.ts';
import { SECTION_TEXT_MAX, type Block, type Button } from './slack-message.ts';

/*
 * Blocks for mrkdwn that holds user text (request values, reasons, file names), already escaped:
 * `verbatim: true`, so Slack adds no links, channel or user mentions of its own.
 */

/** A section, with an optional button beside it. */
export function verbatimSection(mrkdwn: string, accessory?: Button): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cutText(mrkdwn, SECTION_TEXT_MAX), verbatim: true }, ...(accessory === undefined ? {} : { accessory }) };
}

/** A context line of up to 10 elements. */
export function verbatimContext(...mrkdwn: readonly string[]): Block {
  return { type: 'context', elements: mrkdwn.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: cutText(text, SECTION_TEXT_MAX), verbatim: true })) };
}
