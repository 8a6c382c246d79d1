import type { FakeSlackApi } from './fake-slack-api.ts';
import { stringField } from '../string-field.ts';

type Json = Record<string, unknown>;

const textOf = (t: unknown): string => (typeof t === 'object' && t !== null && typeof (t as Json)['text'] === 'string' ? ((t as Json)['text'] as string) : '');

/** Block Kit as a reader would see it, in plain text (buttons as [labels]). */
export function renderBlocks(blocks: readonly unknown[] | undefined, fallback: string): string[] {
  if (blocks === undefined || blocks.length === 0) return fallback.split('\n');
  const lines: string[] = [];
  for (const raw of blocks) {
    const block = raw as Json;
    switch (block['type']) {
      case 'header':
        lines.push(`== ${textOf(block['text'])} ==`);
        break;
      case 'section': {
        const text = textOf(block['text']);
        if (text !== '') lines.push(...text.split('\n'));
        const accessory = block['accessory'] as Json | undefined;
        if (accessory?.['type'] === 'button') lines.push(`[${textOf(accessory['text'])}]`);
        const fields = (block['fields'] as unknown[] | undefined) ?? [];
        for (const f of fields) lines.push(...textOf(f).split('\n'));
        break;
      }
      case 'context':
        lines.push(((block['elements'] as unknown[] | undefined) ?? []).map(textOf).join(' · '));
        break;
      case 'actions':
        lines.push(((block['elements'] as unknown[] | undefined) ?? []).map((e) => `[${textOf((e as Json)['text'])}]`).join(' '));
        break;
      case 'divider':
        lines.push('---');
        break;
      default:
        break;
    }
  }
  return lines;
}

const indent = (lines: readonly string[], prefix: string): string => lines.map((l) => `${prefix}${l}`).join('\n');

/** The channel (messages as they stand now, with their threads) and the ephemeral replies, as text. */
export function renderTranscript(fake: FakeSlackApi, channel: string, names: Readonly<Record<string, string>>): string {
  const named = (text: string): string =>
    text
      .replace(/<@([UW][A-Z0-9]+)>/g, (_, id: string) => `@${names[id] ?? id}`)
      .replace(/<!subteam\^(S[A-Z0-9]+)>/g, '@group:$1')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const out: string[] = [];
  for (const message of fake.channelHistory(channel)) {
    out.push(`#${channel} · bot${message.edited === undefined ? '' : ' (edited)'}:`);
    out.push(named(indent(renderBlocks(message.blocks, message.text), '  │ ')));
    for (const reply of message.replies) {
      out.push(named(indent(renderBlocks(reply.blocks, reply.text), '      ↳ ')));
    }
    out.push('');
  }
  const ephemeral = fake.calls('chat.postEphemeral');
  const responses = fake.responses();
  if (ephemeral.length + responses.length > 0) out.push('Only visible to the person concerned:');
  for (const call of ephemeral) {
    const { args } = call;
    out.push(named(`  to @${names[String(args['user'])] ?? String(args['user'])}: ${renderBlocks(args['blocks'] as unknown[] | undefined, stringField(args, 'text')).join(' ')}`));
  }
  for (const call of responses) {
    const { args } = call;
    const how = args['delete_original'] === true ? '(the "Checking…" answer removed)' : args['replace_original'] === true ? '(in place of "Checking…")' : '(response)';
    out.push(named(`  ${how} ${renderBlocks(args['blocks'] as unknown[] | undefined, stringField(args, 'text')).join(' ')}`.trimEnd()));
  }
  return out.join('\n');
}
