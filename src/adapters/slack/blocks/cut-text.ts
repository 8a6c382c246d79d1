/** Text cut to fit a Slack limit: on line boundaries where it can, never splitting an emoji or an `&amp;` escape. */

const ELLIPSIS = '…';
const ENTITY_MAX = 8;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** An end index for `slice(0, end)` that splits neither a surrogate pair nor an HTML entity. */
function safeEnd(text: string, end: number): number {
  let at = Math.max(0, Math.min(end, text.length));
  if (at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1))) at -= 1;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp >= 0 && at - amp <= ENTITY_MAX) {
    const semi = text.indexOf(';', amp);
    if (semi >= at && semi - amp <= ENTITY_MAX) at = amp;
  }
  return at;
}

/** A start index for `slice(start)` that splits neither a surrogate pair nor an HTML entity. */
function safeStart(text: string, start: number): number {
  let at = Math.max(0, Math.min(start, text.length));
  if (at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at))) at += 1;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp >= 0 && at - amp <= ENTITY_MAX) {
    const semi = text.indexOf(';', amp);
    if (semi >= at && semi - amp <= ENTITY_MAX) at = semi + 1;
  }
  return at;
}

/** One piece of text in at most `max` characters, ending in `…` when cut. */
export function cutLine(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  return `${text.slice(0, safeEnd(text, max - 1))}${ELLIPSIS}`;
}

/** The end of a piece of text in at most `max` characters, starting with `…` when cut. */
export function cutLineStart(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  return `${ELLIPSIS}${text.slice(safeStart(text, text.length - (max - 1)))}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const moreLines = (omitted: number): string => `… and ${plural(omitted, 'more line')}`;
export const earlierLines = (omitted: number): string => `… ${plural(omitted, 'earlier line')} cut`;

/**
 * At most `max` characters of `text`, keeping whole lines from the start and ending with a marker
 * line (`… and 12 more lines`) when lines were left out. A first line longer than `max` is cut itself.
 */
export function cutText(text: string, max: number, marker: (omitted: number) => string = moreLines): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const room = max - marker(lines.length).length - 1;
  if (lines.length === 1 || room <= 0) return cutLine(text, max);
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = line.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > room) break;
    kept.push(line);
    used += cost;
  }
  if (kept.length === 0) kept.push(cutLine(lines[0] ?? '', room));
  const omitted = lines.length - kept.length;
  return omitted > 0 ? `${kept.join('\n')}\n${marker(omitted)}` : kept.join('\n');
}

/**
 * At most `max` characters of the END of `text` (an output tail), keeping whole lines and starting
 * with a marker line (`… 4990 earlier lines cut`) when lines were left out.
 */
export function cutTextTail(text: string, max: number, marker: (omitted: number) => string = earlierLines): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const room = max - marker(lines.length).length - 1;
  if (lines.length === 1 || room <= 0) return cutLineStart(text, max);
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    const cost = line.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > room) break;
    kept.unshift(line);
    used += cost;
  }
  if (kept.length === 0) kept.push(cutLineStart(lines[lines.length - 1] ?? '', room));
  const omitted = lines.length - kept.length;
  return omitted > 0 ? `${marker(omitted)}\n${kept.join('\n')}` : kept.join('\n');
}
