import { z } from 'zod';
import type { RichText, TextPart } from '../../domain/text/rich-text.ts';
import type { Assignable } from './assignable.ts';

const StoredTextPart = z.union([
  z.string(),
  z.strictObject({ user: z.string() }),
  z.strictObject({ group: z.string() }),
  z.strictObject({ channel: z.string() }),
  z.strictObject({ command: z.string() }),
  z.strictObject({ at: z.string(), style: z.enum(['time', 'seconds', 'date']) }),
]);

/** `<@U1>`, `<!subteam^S1>`, `<#C1>` (optionally `|label`): the Slack markup older bots wrote into stored texts. */
const SLACK_MENTION = /<(@|!subteam\^|#)([A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * A text stored by a bot from before texts were channel-neutral: plain words, perhaps with Slack
 * mentions in them. The mentions become people, groups and channels again; the rest stays plain
 * (an old `/liferay …` command reads on as it was written).
 */
export function legacyText(stored: string): RichText {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of stored.matchAll(SLACK_MENTION)) {
    if (match.index > from) parts.push(stored.slice(from, match.index));
    const [, kind, id = ''] = match;
    parts.push(kind === '@' ? { user: id } : kind === '#' ? { channel: id } : { group: id });
    from = match.index + match[0].length;
  }
  if (from < stored.length) parts.push(stored.slice(from));
  return parts;
}

/** A stored channel-neutral text: its parts, or (written by an older bot) one string, read with `legacyText`. */
export const StoredText = z.union([z.array(StoredTextPart).readonly(), z.string().transform(legacyText)]);
export type StoredText = z.infer<typeof StoredText>;

type _ReadsText = Assignable<StoredText, RichText>;
/** …and every part a text may hold can be stored (a new kind of part must be added above). */
type _StoresText = Assignable<RichText, StoredText>;
