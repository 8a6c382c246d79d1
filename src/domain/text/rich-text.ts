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
  | { readonly command: string };

export type RichText = readonly TextPart[];

export const user = (id: string): TextPart => ({ user: id });
export const group = (id: string): TextPart => ({ group: id });
export const channel = (id: string): TextPart => ({ channel: id });
export const command = (words: string): TextPart => ({ command: words });

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
}

/** The text as one channel shows it. */
export function renderText(value: RichText, show: PartRenderers): string {
  return value
    .map((part) => {
      if (typeof part === 'string') return show.plain(part);
      if ('user' in part) return show.user(part.user);
      if ('group' in part) return show.group(part.group);
      if ('channel' in part) return show.channel(part.channel);
      return show.command(part.command);
    })
    .join('');
}

/** The plain words of a text with people and groups as their ids and commands as their words: for logs and stored columns people read. */
export function neutralText(value: RichText): string {
  return renderText(value, { plain: (s) => s, user: (id) => id, group: (id) => id, channel: (id) => `#${id}`, command: (words) => words });
}

/** A text of plain words only. */
export const plain = (words: string): RichText => normalize([words]);
