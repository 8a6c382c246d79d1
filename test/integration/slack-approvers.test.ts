import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { CHANNEL, NAMES, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import type { FakeSlackThread } from '../support/slack/fake-slack-workspace.ts';
import { validateSlackView } from '../support/slack/validate-slack-message.ts';
import { actionIds, allText } from '../support/slack/slack-user.ts';
import { ifSet } from '../support/if-set.ts';

type Json = Record<string, unknown>;

/** The app's direct-message conversation with a user, as the Slack stand-in keeps it. */
const dmOf = (user: string): string => `D${user}`;

/** The Show plan button beside the message's glance (a section accessory, not in an actions block). */
function showPlanValue(message: FakeSlackThread): string {
  for (const block of (message.blocks ?? []) as Json[]) {
    const accessory = block['accessory'] as Json | undefined;
    if (accessory?.['action_id'] === ACTION_IDS.showPlan) return String(accessory['value']);
  }
  throw new Error('no Show plan button on the message');
}

const buttonOf = (message: FakeSlackThread, actionId: string): Json | undefined =>
  ((message.blocks ?? []) as Json[]).flatMap((b) => (b['type'] === 'actions' ? ((b['elements'] as Json[] | undefined) ?? []) : [])).find((e) => e['action_id'] === actionId);

describe('approvers are asked (notify: dm, production: true), and the plan is behind Show plan', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 3, clusterSettings: ['notify: dm', 'production: true'] });
    h.cluster.addArtifact('com.acme.blog-1.0.0.jar', 'jar v1');
  }, 180_000);

  afterAll(async () => {
    const harness = ifSet(h);
    // For a reader who wants to see the channel: APPROVERS_TRANSCRIPT=/tmp/t.txt npx vitest run <this file>
    if (process.env['APPROVERS_TRANSCRIPT'] !== undefined && harness !== undefined) writeFileSync(process.env['APPROVERS_TRANSCRIPT'], harness.transcript());
    await harness?.stop();
  });

  it('names the approvers in the message and sends each approver user a direct message with a link to it', async () => {
    await h.slash('property set session.timeout=30 on prod');
    const message = h.latest();
    expect(allText(message)).toContain(`🙋 *Asked to approve:* <@${PEOPLE.approver}>, <!subteam^S0OPS>`);
    expect(message.text).toContain(`approval asked of <@${PEOPLE.approver}>, <!subteam^S0OPS>`);
    const [dm, ...more] = h.fake.channelHistory(dmOf(PEOPLE.approver));
    expect(more).toEqual([]);
    expect(dm?.text).toBe(`<@${PEOPLE.requester}> asks you to approve Property session.timeout → prod`);
    const permalink = h.fake.calls('chat.getPermalink').at(-1);
    expect(permalink?.args).toMatchObject({ channel: CHANNEL, message_ts: message.ts });
    expect(allText(dm as FakeSlackThread)).toContain(`/archives/${CHANNEL}/p${message.ts.replace('.', '')}|Open the request in <#${CHANNEL}>>`);
    // Nobody else: the requester is no approver, and groups are mentioned in the channel, not messaged.
    expect(h.fake.channelHistory(dmOf(PEOPLE.requester))).toEqual([]);
    expect(h.fake.channelHistory(dmOf(PEOPLE.groupApprover))).toEqual([]);
  });

  it('asks for a confirmation before approving on a production cluster; Reject is not red', () => {
    const message = h.latest();
    expect(buttonOf(message, ACTION_IDS.approve)).toMatchObject({ style: 'primary', confirm: { title: { text: 'Roll out on prod?' }, confirm: { text: 'Yes, roll out' } } });
    expect(buttonOf(message, ACTION_IDS.reject)).not.toHaveProperty('style');
    expect(actionIds(message)).toEqual([ACTION_IDS.approve, ACTION_IDS.reject]);
  });

  it('does not message an approver about their own request (self-approval is off)', async () => {
    const before = h.fake.channelHistory(dmOf(PEOPLE.approver)).length;
    await h.slash('property set session.timeout=31 on prod', PEOPLE.approver);
    expect(allText(h.latest())).toContain('an approver other than <@U0APPROVER> approves within 60 min');
    expect(h.fake.channelHistory(dmOf(PEOPLE.approver))).toHaveLength(before);
  });

  it('opens the whole plan in a modal on Show plan, for whoever clicks', async () => {
    const message = h.latest();
    const response = await h.client.blockAction({
      user: { id: PEOPLE.outsider, username: NAMES[PEOPLE.outsider] ?? PEOPLE.outsider, name: NAMES[PEOPLE.outsider] ?? PEOPLE.outsider },
      channel: { id: CHANNEL, name: 'ops-prod' },
      message: { ts: message.ts, text: message.text, blocks: message.blocks ?? [] },
      container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
      actions: [{ action_id: ACTION_IDS.showPlan, block_id: 'glance', value: showPlanValue(message), type: 'button' }],
      response_url: h.fake.mintResponseUrl({ channel: CHANNEL, messageTs: message.ts }),
    });
    expect(response.status).toBe(200);
    const opened = h.fake.calls('views.open').at(-1);
    const view = opened?.args['view'];
    expect(validateSlackView(view)).toEqual([]);
    const shown = JSON.stringify(view);
    for (const part of ['Plan for prod', '/liferay property set session.timeout=31 on prod', 'rolling restart, one node at a time, in this order: node1 → node2 → node3', '1. stop node1', 'no past rollouts on prod']) expect(shown).toContain(part);
    expect(h.ephemeralTo(PEOPLE.outsider)).toEqual([]);
  });

  it('asks the approvers once a question is answered: a direct message, and the user group in the thread (an edit notifies nobody)', async () => {
    await h.slash('module install com.acme.blog-1.0.0.jar on prod');
    const message = h.latest();
    expect(allText(message)).toContain('Needs confirmation');
    expect(allText(message)).not.toContain('Asked to approve');
    const dms = h.fake.channelHistory(dmOf(PEOPLE.approver)).length;
    await h.click(message, 'answer-schema-none', PEOPLE.requester);
    const updated = h.fake.channelHistory(CHANNEL).find((m) => m.ts === message.ts);
    expect(allText(updated as FakeSlackThread)).toContain(`🙋 *Asked to approve:* <@${PEOPLE.approver}>, <!subteam^S0OPS>`);
    expect(h.fake.channelHistory(dmOf(PEOPLE.approver))).toHaveLength(dms + 1);
    expect(updated?.replies.map((r) => r.text)).toEqual([expect.stringMatching(/^🙋 <!subteam\^S0OPS>: module install com\.acme\.blog-1\.0\.0\.jar on prod --schema none now waits for your approval/)]);
  });

  it('learns the expected duration from the rollout it ran on this cluster', async () => {
    await h.slash('property set session.timeout=40 on prod');
    const message = h.latest();
    expect(allText(message)).toContain('no past rollouts on prod, so about 6 min a node (estimate)');
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    await h.bot.idle();
    expect(h.deps.store.list({ statuses: ['succeeded'] })).toHaveLength(1);
    await h.slash('property set session.timeout=41 on prod');
    const next = allText(h.latest());
    expect(next).toMatch(/\*Duration:\* (under a minute|about \d+ min) \(\S+ a node, from the last rollout on prod\)/);
    expect(next).not.toContain('(estimate)');
  });
});
