/**
 * Text a user might type to make the bot ping a channel, mention someone or plant a link: every
 * Slack control sequence (`<@U…>`, `<!channel>`, `<!here>`, `<!subteam^…>`, `<#C…>`, `<url|label>`)
 * and a bare `&`, a bare URL and `@here` (which Slack links in a non-`verbatim` text).
 */
export const HOSTILE = '<@U0EVIL> <!channel> <!here> <!subteam^S0EVIL> <#C0EVIL> <https://evil.example|click> & https://evil.example @here';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every mrkdwn text object in blocks (sections, their fields, context elements), with where it is. */
function mrkdwnObjects(value: unknown, at: string, out: { at: string; object: Json }[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => mrkdwnObjects(item, `${at}/${i}`, out));
  else if (isRecord(value)) {
    if (value['type'] === 'mrkdwn' && typeof value['text'] === 'string') out.push({ at, object: value });
    for (const [key, inner] of Object.entries(value)) mrkdwnObjects(inner, `${at}/${key}`, out);
  }
}

/** What in a text makes markup out of the hostile words: live mentions, links, or an `&` that is not an escape. */
function liveIn(text: string): string[] {
  const found: string[] = [];
  for (const token of ['<@U0EVIL', '<!channel', '<!here', '<!subteam^S0EVIL', '<#C0EVIL', '<https://evil', '<http']) if (text.includes(token)) found.push(token);
  if (/&(?!amp;|lt;|gt;)/.test(text)) found.push('a bare &');
  return found;
}

/**
 * What is wrong, in a message the bot sends, with how it shows the hostile text: live markup in its
 * `text` or any mrkdwn text, and (unless `requireVerbatim: false`) a mrkdwn text that shows the
 * hostile words without `verbatim: true`.
 */
export function hostileProblems(message: { readonly text?: unknown; readonly blocks?: unknown }, where: string, options: { readonly requireVerbatim?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (typeof message.text === 'string') problems.push(...liveIn(message.text).map((p) => `${where} text: ${p}`));
  const objects: { at: string; object: Json }[] = [];
  mrkdwnObjects(message.blocks, `${where} blocks`, objects);
  for (const { at, object } of objects) {
    const text = String(object['text']);
    problems.push(...liveIn(text).map((p) => `${at}: ${p}`));
    if (options.requireVerbatim !== false && /evil|@here/i.test(text) && object['verbatim'] !== true) problems.push(`${at}: user text without verbatim: true`);
  }
  return problems;
}
