import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { CHECKING } from '../../src/adapters/slack/listeners/commands/liferay-command.ts';
import { CHANNEL, NAMES, PEOPLE, SLACK_MODES, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import type { FakeSlackCall } from '../support/slack/fake-slack-api.ts';
import type { FakeSlackThread } from '../support/slack/fake-slack-workspace.ts';
import { HOSTILE, hostileProblems } from '../support/slack/hostile-text.ts';
import type { SlackHttpResponse } from '../support/slack/signed-slack-client.ts';
import type { SlashCommandFields } from '../support/slack/slack-payload-builders.ts';
import { allText, buttonValue } from '../support/slack/slack-user.ts';
import { ifSet } from '../support/if-set.ts';

type Json = Record<string, unknown>;

/** One slash command as Slack sent it, with what its requester now sees of its ephemeral answer. */
interface Sent {
  readonly ack: SlackHttpResponse;
  readonly responseId: string;
}

describe.each(SLACK_MODES)('Slack delivery over %s: the ack replaced by the outcome, repeats done once, a refused post withdrawn, a busy cluster named', (mode) => {
  let h: BotHarness;
  const posts = (): number => h.fake.calls('chat.postMessage').filter((c) => c.response['ok'] === true).length;

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 2, mode });
  }, 180_000);

  afterAll(async () => {
    await ifSet(h)?.stop();
  });

  /** `/liferay <text>` from the requester in the cluster's channel; fields (a `trigger_id`) may be fixed to send the same delivery again. */
  async function slash(text: string, fields: Partial<SlashCommandFields> = {}): Promise<Sent> {
    const responseUrl = fields.response_url ?? h.fake.mintResponseUrl({ channel: CHANNEL });
    const ack = await h.delivery.slashCommand({ text, user_id: PEOPLE.requester, user_name: 'maria', channel_id: CHANNEL, channel_name: 'ops-prod', ...fields, response_url: responseUrl });
    expect(ack.status).toBe(200);
    return { ack, responseId: responseUrl.split('/').at(-1) ?? '' };
  }

  /** The ack's text, or undefined for an empty ack. */
  const ackText = (sent: Sent): string | undefined => (sent.ack.body === '' ? undefined : String((JSON.parse(sent.ack.body) as Json)['text']));

  /**
   * What the requester sees of the command's ephemeral answers: the ack first, then each post to its
   * response_url (`replace_original` replaces the last one, `delete_original` removes it, others add one).
   */
  function shown(sent: Sent): string[] {
    const ack = ackText(sent);
    let seen = ack === undefined ? [] : [ack];
    for (const call of h.fake.responses(sent.responseId)) {
      const args = call.args;
      if (args['delete_original'] === true) seen = seen.slice(0, -1);
      else if (args['replace_original'] === true) seen = [...seen.slice(0, -1), String(args['text'])];
      else seen = [...seen, String(args['text'])];
    }
    return seen;
  }

  /** A click on the message's button as `user`; the same `trigger_id` makes it a redelivery of one click. */
  function click(message: FakeSlackThread, actionId: string, user: string, trigger_id?: string): Promise<SlackHttpResponse> {
    const value = buttonValue(message, actionId);
    if (value === undefined) throw new Error(`no button ${actionId}`);
    return h.delivery.blockAction({
      user: { id: user, username: NAMES[user] ?? user, name: NAMES[user] ?? user },
      channel: { id: CHANNEL, name: 'ops-prod' },
      message: { ts: message.ts, text: message.text, blocks: message.blocks ?? [] },
      container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
      actions: [{ action_id: actionId, block_id: 'decision', value, type: 'button' }],
      response_url: h.fake.mintResponseUrl({ channel: CHANNEL, messageTs: message.ts }),
      ...(trigger_id === undefined ? {} : { trigger_id }),
    });
  }

  const recordOf = (ts: string) => {
    const record = h.deps.store.list({}).find((r) => r.messageTs === ts);
    if (record === undefined) throw new Error(`no record for ${ts}`);
    return record;
  };

  describe('the ack', () => {
    it('quotes nothing the user typed, and goes away once the request is in the channel', async () => {
      const before = posts();
      const sent = await slash('property set delivery.one=1 on prod');
      expect(ackText(sent)).toBe(CHECKING);
      expect(h.fake.responses(sent.responseId).map((c) => c.args)).toEqual([{ delete_original: true }]);
      expect(shown(sent)).toEqual([]);
      expect(posts()).toBe(before + 1);
      expect(allText(h.latest())).toContain('property set delivery.one=1 on prod');
    });

    it.each([
      ['help', 'help', /^Usage: \/liferay/],
      ['a parse error quoting the text', `fixpack install ${HOSTILE} on prod`, /^⚠️ /],
      ['an unknown cluster', 'property set a.b=c on nowhere', /^⚠️ unknown cluster "nowhere"/],
      ['status', 'status prod', /^Open and running requests on prod/],
      ['history', 'history prod', /^Latest requests on prod/],
    ])('%s: replaced by the outcome, one ephemeral in all', async (_name, text, outcome) => {
      const sent = await slash(text);
      expect(ackText(sent)).toBe(CHECKING);
      const answers = h.fake.responses(sent.responseId);
      expect(answers.map((c) => [c.args['replace_original'], c.args['response_type']])).toEqual([[true, 'ephemeral']]);
      expect(shown(sent)).toHaveLength(1);
      expect(shown(sent)[0]).toMatch(outcome);
    });
  });

  describe('a command delivered twice', () => {
    it('with the same trigger_id: one request, one message, and the repeat is told once that it was received', async () => {
      const before = { posts: posts(), stored: h.deps.store.list({}).length };
      const fields = { trigger_id: '1111.2222.dupe-trigger', response_url: h.fake.mintResponseUrl({ channel: CHANNEL }) };
      const first = await slash('property set delivery.twice=1 on prod', fields);
      const second = await slash('property set delivery.twice=1 on prod', fields);
      const third = await slash('property set delivery.twice=1 on prod', fields);
      expect(ackText(first)).toBe(CHECKING);
      expect(ackText(second)).toBe('⚠️ Already received: it came twice, and is done once');
      expect(ackText(third)).toBeUndefined();
      expect(posts()).toBe(before.posts + 1);
      expect(h.deps.store.list({}).length).toBe(before.stored + 1);
    });

    it('with a new trigger_id but the same text within seconds (a double submit): the same, done once', async () => {
      const before = posts();
      const first = await slash('property set delivery.double=1 on prod');
      const second = await slash('property set delivery.double=1 on prod');
      expect(shown(first)).toEqual([]);
      expect(shown(second)).toEqual(['⚠️ Already received: it came twice, and is done once']);
      expect(h.fake.responses(second.responseId)).toEqual([]);
      expect(posts()).toBe(before + 1);
    });

    it('another text is another request', async () => {
      const before = posts();
      await slash('property set delivery.other=1 on prod');
      await slash('property set delivery.other=2 on prod');
      expect(posts()).toBe(before + 2);
    });
  });

  describe('a click delivered twice', () => {
    it('Reject twice: one modal', async () => {
      await slash('property set delivery.reject=1 on prod');
      const message = h.latest();
      const opened = h.fake.calls('views.open').length;
      await click(message, ACTION_IDS.reject, PEOPLE.approver, '3333.4444.reject-trigger');
      await click(message, ACTION_IDS.reject, PEOPLE.approver, '3333.4444.reject-trigger');
      expect(h.fake.calls('views.open').length).toBe(opened + 1);
      expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toBe('⚠️ Already received: it came twice, and is done once');
    });

    it('Approve twice (a redelivery, then a double click): one approval, told once; then a request meanwhile is told the rollout is running, not probed', async () => {
      await slash('property set delivery.approve=1 on prod');
      const message = h.latest();
      const told = h.ephemeralTo(PEOPLE.approver).length;
      await click(message, ACTION_IDS.approve, PEOPLE.approver, '5555.6666.approve-trigger');
      await click(message, ACTION_IDS.approve, PEOPLE.approver, '5555.6666.approve-trigger');
      await click(message, ACTION_IDS.approve, PEOPLE.approver);
      const record = recordOf(message.ts);
      expect(h.deps.store.auditTrail(record.id).map((a) => a.action)).toEqual(['requested', 'approved']);
      expect(h.ephemeralTo(PEOPLE.approver).slice(told)).toEqual(['⚠️ Already received: it came twice, and is done once']);

      const stored = h.deps.store.list({}).length;
      const before = posts();
      const meanwhile = await slash('property set delivery.meanwhile=1 on prod');
      const answer = shown(meanwhile);
      expect(answer).toHaveLength(1);
      expect(answer[0]).toMatch(new RegExp(`^⚠️ prod is busy: \`property set delivery\\.approve=1 on prod\` \\(approved by <@${PEOPLE.approver}>\\) is (starting|running) \\(rollout ${record.id}\\)\\. See it with /liferay status prod\\. One rollout per cluster at a time: ask again when it has finished$`));
      expect(h.deps.store.list({}).length).toBe(stored);
      expect(posts()).toBe(before);
      process.stdout.write(`\n----- /liferay during a rollout, as maria sees it -----\nack: ${ackText(meanwhile) ?? ''}\nthen, in its place: ${answer.join(' | ')}\n`);
      await h.bot.idle();
      expect(h.deps.store.get(record.id)?.status).toBe('succeeded');
    }, 120_000);
  });

  describe('a verdict message Slack refuses to post', () => {
    it.each([
      ['not_in_channel', `⚠️ I am not in <#${CHANNEL}>: invite @liferay-rollout to <#${CHANNEL}> (/invite @liferay-rollout), then ask again. Nothing was requested`],
      ['channel_not_found', `⚠️ I cannot see <#${CHANNEL}> (a private channel I am not in, or one that is gone): invite @liferay-rollout to it (/invite @liferay-rollout), then ask again. Nothing was requested`],
      ['is_archived', `⚠️ <#${CHANNEL}> is archived: unarchive it (or ask from the cluster's current channel), then ask again. Nothing was requested`],
      ['msg_too_long', `⚠️ Slack refused to post the request in <#${CHANNEL}> (msg_too_long): ask again, and if it happens again tell whoever runs the bot. Nothing was requested`],
    ])('%s: the requester is told the fix in place of the ack, and the request is withdrawn', async (error, line) => {
      h.fake.failNext('chat.postMessage', { error });
      const before = posts();
      const sent = await slash(`property set delivery.refused=${error.length} on prod`);
      expect(shown(sent)).toEqual([line]);
      expect(posts()).toBe(before);
      process.stdout.write(`\n----- /liferay when Slack answers ${error}, as maria sees it -----\nack: ${ackText(sent) ?? ''}\nthen, in its place: ${shown(sent).join(' | ')}\n`);
      const record = h.deps.store.list({ limit: 1 })[0];
      expect(record?.requestText).toBe(`property set delivery.refused=${error.length} on prod`);
      expect(record?.status).toBe('superseded');
      expect(record?.decisionNote).toBe(`withdrawn: its message could not be posted (${error})`);
      expect(h.deps.store.auditTrail(record?.id ?? '').map((a) => [a.action, a.actor])).toEqual([
        ['requested', PEOPLE.requester],
        ['withdrawn', 'bot'],
      ]);
      expect(h.deps.store.list({ statuses: ['awaiting-approval', 'awaiting-confirmation'] }).filter((r) => r.messageTs === undefined)).toEqual([]);
    });
  });

  it('hostile text through every command and click: no live mention, <!channel>, link or bare & comes back, and user text is verbatim', async () => {
    const since = h.fake.calls().length;
    const acks: { where: string; body: Json }[] = [];
    for (const text of [
      HOSTILE,
      `property set a.b=c on ${HOSTILE}`,
      `fixpack install ${HOSTILE} on prod`,
      `module install ${HOSTILE}.jar on prod`,
      `status ${HOSTILE}`,
      `history <@U0EVIL>`,
      `property set hostile.value=${HOSTILE} on prod`,
      `help ${HOSTILE}`,
    ]) {
      const sent = await slash(text);
      if (sent.ack.body !== '') acks.push({ where: `ack of ${text}`, body: JSON.parse(sent.ack.body) as Json });
    }
    // Buttons whose values are not ours, on a message that is.
    await slash('property set delivery.hostile=1 on prod');
    const message = h.latest();
    for (const actionId of [ACTION_IDS.approve, ACTION_IDS.reject, 'answer-schema-none', ACTION_IDS.controlPause]) {
      await h.delivery.blockAction({
        user: { id: PEOPLE.approver, username: 'li', name: 'li' },
        channel: { id: CHANNEL, name: 'ops-prod' },
        message: { ts: message.ts, text: HOSTILE, blocks: message.blocks ?? [] },
        container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
        actions: [{ action_id: actionId, block_id: 'decision', value: HOSTILE, type: 'button' }],
      });
    }
    // A reject reason, through the modal.
    await click(message, ACTION_IDS.reject, PEOPLE.approver);
    const view = h.fake.calls('views.open').at(-1)?.args['view'] as Json;
    await h.delivery.viewSubmission({
      user: { id: PEOPLE.approver },
      view: { callback_id: ACTION_IDS.rejectReasonModal, private_metadata: String(view['private_metadata']), state: { values: { 'reject-reason': { 'reject-reason-input': { type: 'plain_text_input', value: HOSTILE } } } } },
    });
    expect(recordOf(message.ts).status).toBe('rejected');

    const out: FakeSlackCall[] = h.fake.calls().slice(since).filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'].includes(c.method));
    expect(out.length).toBeGreaterThan(10);
    const problems = [
      ...acks.flatMap(({ where, body }) => hostileProblems(body, where)),
      // Ephemerals and responses are this part's texts (verbatim); the channel's messages (verdict, decided) are checked for escaping here, for verbatim by their builders' tests.
      ...out.map((c, i) => hostileProblems(c.args, `${c.method} #${i}`, { requireVerbatim: c.method === 'chat.postEphemeral' || c.method === 'response_url' })).flat(),
    ];
    expect(problems).toEqual([]);
    expect(JSON.stringify(out.map((c) => c.args))).toContain('&lt;!channel&gt;');
  });
});
