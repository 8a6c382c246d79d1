import type { FakeSlackApi } from './fake-slack-api.ts';
import type { FakeSlackThread } from './fake-slack-workspace.ts';
import type { SlackHttpResponse } from './signed-slack-client.ts';
import type { SlackDelivery } from './slack-delivery.ts';

type Json = Record<string, unknown>;

/** The channel, its people and the names they show, shared by every bot test. */
export const CHANNEL = 'C0PROD';
export const PEOPLE = { requester: 'U0MARIA', approver: 'U0APPROVER', groupApprover: 'U0GROUPIE', outsider: 'U0SAM' } as const;
export const NAMES: Readonly<Record<string, string>> = { U0MARIA: 'maria', U0APPROVER: 'li', U0GROUPIE: 'ana', U0SAM: 'sam' };

/** The action_ids of a message's buttons, in order. */
export const actionIds = (message: FakeSlackThread): string[] =>
  ((message.blocks ?? []) as Json[]).flatMap((b) => (b['type'] === 'actions' ? ((b['elements'] as Json[] | undefined) ?? []).map((e) => String(e['action_id'])) : []));

/** Every text of a message (blocks as JSON, then the fallback text), for `toContain`. */
export const allText = (message: FakeSlackThread): string => JSON.stringify(message.blocks ?? []) + message.text;

/** The value of the button with this action_id on the message. */
export function buttonValue(message: FakeSlackThread, actionId: string): string | undefined {
  for (const block of (message.blocks ?? []) as Json[]) {
    if (block['type'] !== 'actions') continue;
    for (const element of (block['elements'] as Json[] | undefined) ?? []) {
      if (element['action_id'] === actionId) return String(element['value']);
    }
  }
  return undefined;
}

/** What a person does in the channel, as Slack would send it to the bot (signed HTTP, or an envelope in Socket Mode). */
export interface SlackUser {
  slash(text: string, user?: string, channel?: string): Promise<SlackHttpResponse>;
  /** The newest top-level message of the channel (the request's message). */
  latest(): FakeSlackThread;
  /** Clicks the button with this action_id on the message, as `user`. */
  click(message: FakeSlackThread, actionId: string, user: string): Promise<SlackHttpResponse>;
}

/** `client`: a SlackDelivery (either mode) or a SignedSlackClient (HTTP). */
export function slackUser(client: Pick<SlackDelivery, 'slashCommand' | 'blockAction'>, fake: FakeSlackApi): SlackUser {
  return {
    slash: (text, user = PEOPLE.requester, channel = CHANNEL) =>
      client.slashCommand({ text, user_id: user, user_name: NAMES[user] ?? user, channel_id: channel, channel_name: 'ops-prod', response_url: fake.mintResponseUrl({ channel }) }),
    latest: () => {
      const last = fake.channelHistory(CHANNEL).at(-1);
      if (last === undefined) throw new Error('no message in the channel');
      return last;
    },
    click: (message, actionId, user) => {
      const value = buttonValue(message, actionId);
      if (value === undefined) throw new Error(`no button ${actionId} on the message`);
      return client.blockAction({
        user: { id: user, username: NAMES[user] ?? user, name: NAMES[user] ?? user },
        channel: { id: CHANNEL, name: 'ops-prod' },
        message: { ts: message.ts, text: message.text, blocks: message.blocks ?? [] },
        container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
        actions: [{ action_id: actionId, block_id: 'decision', value, type: 'button' }],
        response_url: fake.mintResponseUrl({ channel: CHANNEL, messageTs: message.ts }),
      });
    },
  };
}
