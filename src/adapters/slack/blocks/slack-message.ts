import type { types } from '@slack/bolt';

/** A Block Kit block as `chat.postMessage` takes it. */
export type Block = types.KnownBlock;
export type Button = types.Button;
export type ModalView = types.ModalView;

/** What every message builder returns: plain JSON, ready for `chat.postMessage` / `chat.update` / `respond`. */
export interface SlackMessage {
  /** Notification and screen-reader fallback; always present, at most TEXT_MAX characters. */
  readonly text: string;
  readonly blocks: Block[];
}

/** Slack truncates `text` over 40,000 characters and asks to keep it under 4,000. */
export const TEXT_MAX = 3000;
export const SECTION_TEXT_MAX = 3000;
export const HEADER_TEXT_MAX = 150;
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
export const MESSAGE_MAX_BLOCKS = 50;
