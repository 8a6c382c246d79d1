/**
 * A channel-neutral text: plain words, people, user groups, channels and request commands, as
 * parts. The domain and the use cases say who and which command; each channel renders it (Slack:
 * `<@U1>`, `<!subteam^S1>`, `/liferay …`; the CLI: plain names and `liferay-rollout …`).
 */
export type TextPart =
  | string
  | { readonly user: string }
  | { readonly group: string }
  | { readonly channel: string }
  /** A request or command in the grammar's words, without the program name (`fixpack revert dxp-3 on prod`). */
  | { readonly command: string }
  /** A moment (ISO 8601): each channel shows it in its reader's terms (Slack: the reader's own time zone). */
  | { readonly at: string; readonly style: TimeStyle };

/** How much of a moment a text shows: `14:05`, `14:05:09`, or the date too (`2026-12-03 14:05`). */
export type TimeStyle = 'time' | 'seconds' | 'date';

export type RichText = readonly TextPart[];

export const user = (id: string): TextPart => ({ user: id });
export const group = (id: string): TextPart => ({ group: id });
export const channel = (id: string): TextPart => ({ channel: id });
export const command = (words: string): TextPart => ({ command: words });
/** A moment as a part: `time(record.requestedAt, 'date')`. */
export const time = (at: string | Date, style: TimeStyle = 'time'): TextPart => ({ at: typeof at === 'string' ? at : at.toISOString(), style });

const SLACK_USER_ID = /^[UW][A-Z0-9]{1,39}$/;

/**
 * How an actor id becomes a part: a Slack user id (`U…`, `W…`) is a person; anything else
 * (`cli:alice@host`, `bot`, the name of another process) is a plain name.
 */
export const actor = (id: string): TextPart => (SLACK_USER_ID.test(id) ? user(id) : id);

type Value = string | number | TextPart | RichText;

const isText = (value: Value): value is RichText => Array.isArray(value);

/** Adjacent plain parts merged, empty ones dropped: one text has one spelling. */
function normalize(parts: readonly TextPart[]): RichText {
  const out: TextPart[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part === '') continue;
      const last = out.at(-1);
      if (typeof last === 'string') out[out.length - 1] = last + part;
      else out.push(part);
    } else out.push(part);
  }
  return out;
}

const partsOf = (value: Value): readonly TextPart[] => (isText(value) ? value : typeof value === 'number' ? [String(value)] : [value]);

/** ``text`Already approved by ${user(id)} at ${time}` ``: a readable maker; values may be strings, numbers, parts or texts. */
export function text(strings: TemplateStringsArray, ...values: readonly Value[]): RichText {
  const parts: TextPart[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    const value = values[i];
    if (value !== undefined) parts.push(...partsOf(value));
  });
  return normalize(parts);
}

/** Texts (or parts) one after the other with `separator` between them. */
export function joinText(items: readonly (TextPart | RichText)[], separator: string): RichText {
  return normalize(items.flatMap((item, i) => [...(i === 0 ? [] : [separator]), ...partsOf(item)]));
}

/** How one channel shows each kind of part. */
export interface PartRenderers {
  readonly plain: (words: string) => string;
  readonly user: (id: string) => string;
  readonly group: (id: string) => string;
  readonly channel: (id: string) => string;
  readonly command: (words: string) => string;
  readonly time: (at: string, style: TimeStyle) => string;
}

/** The text as one channel shows it. */
export function renderText(value: RichText, show: PartRenderers): string {
  return value
    .map((part) => {
      if (typeof part === 'string') return show.plain(part);
      if ('user' in part) return show.user(part.user);
      if ('group' in part) return show.group(part.group);
      if ('channel' in part) return show.channel(part.channel);
      if ('at' in part) return show.time(part.at, part.style);
      return show.command(part.command);
    })
    .join('');
}

/** The plain words of a text with people and groups as their ids and commands as their words: for logs and stored columns people read. */
export function neutralText(value: RichText): string {
  return renderText(value, { plain: (s) => s, user: (id) => id, group: (id) => id, channel: (id) => `#${id}`, command: (words) => words, time: utcTime });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A moment in UTC, named as such: `14:05 UTC`, `14:05:09 UTC`, `2026-12-03 14:05 UTC`; `?` for a time that does not parse. */
export function utcTime(at: string, style: TimeStyle): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '?';
  const hm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const clock = style === 'seconds' ? `${hm}:${pad(date.getUTCSeconds())}` : hm;
  return style === 'date' ? `${date.toISOString().slice(0, 10)} ${clock} UTC` : `${clock} UTC`;
}

/** A text of plain words only. */
export const plain = (words: string): RichText => normalize([words]);
