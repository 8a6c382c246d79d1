import { expect } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import type { BotProcess } from './bot-process.ts';
import { waitUntil } from './local-cluster/wait-until.ts';
import type { FakeSlackApi } from './slack/fake-slack-api.ts';
import type { FakeSlackMessage, FakeSlackThread } from './slack/fake-slack-workspace.ts';
import { CHANNEL, PEOPLE } from './slack/slack-user.ts';
import { waitForRollout } from './store-watch.ts';

/** The thread replies of the message `ts` in the channel. */
export const replies = (fake: FakeSlackApi, ts: string): FakeSlackMessage[] => fake.channelHistory(CHANNEL).find((m) => m.ts === ts)?.replies ?? [];

/** Resolves once the message's thread has a reply whose text matches. */
export const waitForReply = (fake: FakeSlackApi, ts: string, pattern: RegExp, timeoutMs = 120_000): Promise<FakeSlackMessage> =>
  waitUntil(() => replies(fake, ts).find((r) => pattern.test(r.text)), { timeoutMs, what: `a reply matching ${pattern} in the thread of ${ts}` });

/**
 * `/liferay <text>` from the requester to a running bot process, the verdict message (posted after
 * the bot probed the cluster), Approve by the approver; resolves with the request's message and
 * its rollout id once the approval is stored.
 */
export async function requestAndApprove(fake: FakeSlackApi, bot: BotProcess, dbPath: string, text: string): Promise<{ message: FakeSlackThread; rolloutId: string }> {
  const before = fake.channelHistory(CHANNEL).length;
  expect((await bot.slash(text, PEOPLE.requester)).status).toBe(200);
  const message = await waitUntil(() => fake.channelHistory(CHANNEL).slice(before).find((m) => JSON.stringify(m.blocks ?? []).includes(`"action_id":"${ACTION_IDS.approve}"`)), {
    timeoutMs: 120_000,
    what: `the verdict message of "${text}" with an Approve button`,
  });
  expect((await bot.click(message, ACTION_IDS.approve, PEOPLE.approver)).status).toBe(200);
  const record = await waitForRollout(dbPath, (r) => r.messageTs === message.ts && r.status !== 'awaiting-approval', { timeoutMs: 120_000, what: 'the approved rollout' });
  return { message, rolloutId: record.id };
}
