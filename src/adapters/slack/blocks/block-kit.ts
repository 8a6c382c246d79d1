import { cutLine, cutText } from './cut-text.ts';
import { BUTTON_TEXT_MAX, HEADER_TEXT_MAX, SECTION_TEXT_MAX, type Block, type Button } from './slack-message.ts';

/** Small constructors that cut every text to its Block Kit limit, so no builder can overflow one. */

export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: cutLine(text, HEADER_TEXT_MAX), emoji: true } });

export const section = (mrkdwn: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId === undefined ? {} : { block_id: blockId }),
  text: { type: 'mrkdwn', text: cutText(mrkdwn, SECTION_TEXT_MAX) },
});

/** A section that holds user text: `verbatim`, so Slack turns no URL, channel name or @name in it into a link or mention (explicit markup only, and ours is escaped). */
export const verbatimSection = (mrkdwn: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId === undefined ? {} : { block_id: blockId }),
  text: { type: 'mrkdwn', text: cutText(mrkdwn, SECTION_TEXT_MAX), verbatim: true },
});

export const context = (...mrkdwn: readonly string[]): Block => ({
  type: 'context',
  elements: mrkdwn.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: cutText(text, SECTION_TEXT_MAX) })),
});

export const divider = (): Block => ({ type: 'divider' });

export interface ButtonSpec {
  readonly actionId: string;
  readonly text: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: Button['confirm'];
}

export const button = ({ actionId, text, value, style, confirm }: ButtonSpec): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: cutLine(text, BUTTON_TEXT_MAX), emoji: true },
  value,
  ...(style === undefined ? {} : { style }),
  ...(confirm === undefined ? {} : { confirm }),
});

export const actions = (blockId: string, elements: readonly Button[]): Block => ({ type: 'actions', block_id: blockId, elements: elements.slice(0, 25) });

/**
 * Lines packed into as few section texts as fit (each at most SECTION_TEXT_MAX characters), at most
 * `maxBlocks` of them; when lines are left out, the last text ends with `more(omitted)`.
 * Each line is cut to fit on its own. Blank results are dropped (Slack rejects empty text).
 */
export function packLines(lines: readonly string[], maxBlocks: number, more: (omitted: number) => string, max = SECTION_TEXT_MAX): string[] {
  if (maxBlocks <= 0 || lines.length === 0) return [];
  const markerRoom = more(lines.length).length + 1;
  const lineMax = max - markerRoom;
  const chunks: string[][] = [[]];
  const lengths: number[] = [0];
  let used = 0;
  for (const raw of lines) {
    const line = cutLine(raw, lineMax);
    const index = chunks.length - 1;
    const current = chunks[index] ?? [];
    const cost = line.length + (current.length > 0 ? 1 : 0);
    const capacity = chunks.length === maxBlocks ? lineMax : max;
    if ((lengths[index] ?? 0) + cost <= capacity) {
      current.push(line);
      lengths[index] = (lengths[index] ?? 0) + cost;
      used += 1;
      continue;
    }
    if (chunks.length === maxBlocks) break;
    chunks.push([line]);
    lengths.push(line.length);
    used += 1;
  }
  const texts = chunks.map((chunk) => chunk.join('\n'));
  const omitted = lines.length - used;
  if (omitted > 0) texts[texts.length - 1] = `${texts[texts.length - 1] ?? ''}\n${more(omitted)}`;
  return texts.filter((text) => text.trim().length > 0);
}
