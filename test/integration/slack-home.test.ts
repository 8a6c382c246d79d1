import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, CONTROL_ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { CHANNEL, PEOPLE, SLACK_MODES, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import { ifSet } from '../support/if-set.ts';
import type { FakeSlackCall } from '../support/slack/fake-slack-api.ts';
import { renderBlocks } from '../support/slack/render-transcript.ts';
import { viewBlockActionsPayload } from '../support/slack/slack-payload-builders.ts';

type Json = Record<string, unknown>;

/** The Home view of a `views.publish` call, as a reader sees it. */
const shown = (call: FakeSlackCall): string => renderBlocks(((call.args['view'] as Json | undefined)?.['blocks'] as unknown[] | undefined) ?? [], '').join('\n');
const publishesTo = (h: BotHarness, user: string): FakeSlackCall[] => h.fake.calls('views.publish').filter((c) => c.args['user_id'] === user);

describe.each(SLACK_MODES)('App Home, Slack delivering over %s, against the local cluster', (mode) => {
  let h: BotHarness;
  const transcripts: string[] = [];

  /** `app_home_opened` as Slack delivers it (a signed JSON request, or an `events_api` envelope). */
  const homeOpened = async (user: string, tab: 'home' | 'messages' = 'home'): Promise<number> =>
    (await h.delivery.event({ event: { type: 'app_home_opened', user, channel: 'D0HOME', tab } })).status;

  /** The first publish to `user` after the `after`-th one whose view matches. */
  const publishedHome = (user: string, after: number, matches: (text: string) => boolean): Promise<FakeSlackCall> =>
    h.fake.waitFor((c) => c.method === 'views.publish' && c.args['user_id'] === user && publishesTo(h, user).indexOf(c) >= after && matches(shown(c)), 60_000);

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 2, mode });
  }, 180_000);

  afterAll(async () => {
    if (transcripts.length > 0) process.stdout.write(`\n${transcripts.join('\n\n')}\n`);
    await ifSet(h)?.stop();
  });

  it('publishes Home at once when it is opened, then again with each node’s state once the nodes are looked at', async () => {
    expect(await homeOpened(PEOPLE.approver)).toBe(200);
    const first = publishesTo(h, PEOPLE.approver)[0];
    if (first === undefined) throw new Error('Home was not published');
    expect(first.response['ok']).toBe(true);
    expect(shown(first)).toContain('*prod* · you approve · requests in <#C0PROD>');
    expect(shown(first)).toContain('Looking at the nodes now');
    const looked = await publishedHome(PEOPLE.approver, 1, (text) => text.includes('node2: running, healthy'));
    expect(shown(looked)).toMatch(/✅ node1: running, healthy \(patches: dxp-13-7110; Java: [^)]+\)/);
    expect(shown(looked)).toContain('_None yet._');
  });

  it('shows someone who may only request their clusters without controls, and ignores the Messages tab', async () => {
    await homeOpened(PEOPLE.outsider);
    const home = publishesTo(h, PEOPLE.outsider).at(-1);
    if (home === undefined) throw new Error('Home was not published');
    expect(shown(home)).toContain('*prod* · you may request');
    const before = h.fake.calls('views.publish').length;
    await homeOpened(PEOPLE.outsider, 'messages');
    expect(h.fake.calls('views.publish').length).toBe(before);
  });

  it('follows a rollout for those who opened Home: the active rollout with its link and controls, then the last rollouts, throttled', async () => {
    await homeOpened(PEOPLE.approver);
    const before = publishesTo(h, PEOPLE.approver).length;
    await h.slash('property set session.timeout=41 on prod');
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    const active = await publishedHome(PEOPLE.approver, before, (text) => text.includes('asked by'));
    expect(shown(active)).toContain('`/liferay property set session.timeout=41 on prod` · asked by <@U0MARIA> · approved by <@U0APPROVER>');
    expect(shown(active)).toContain(`<https://slack.com/archives/C0PROD/p${message.ts.replace('.', '')}|its message>`);
    expect(shown(active)).toMatch(/\[Pause after this node\] \[Abort\]/);
    transcripts.push(`--- Home while the rollout runs ---\n${shown(active)}`);
    await h.bot.idle();
    const done = await publishedHome(PEOPLE.approver, before, (text) => /✅ <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> · succeeded · `\/liferay property set session.timeout=41 on prod`/.test(text));
    expect(shown(done)).toContain('No rollout holds this cluster.');
    transcripts.push(`--- Home after it --- \n${shown(done)}`);
    const record = h.deps.store.list({ statuses: ['succeeded'], limit: 1 })[0];
    const events = h.deps.store.events(record?.id ?? '').length;
    // Refreshed on the rollout's events, but coalesced: far fewer publishes than events.
    const publishes = publishesTo(h, PEOPLE.approver).length - before;
    expect(publishes).toBeGreaterThanOrEqual(2);
    expect(publishes).toBeLessThan(events);
    // The outsider opened Home too (recently): refreshed, without controls.
    const outsider = publishesTo(h, PEOPLE.outsider).at(-1);
    expect(outsider === undefined ? '' : shown(outsider)).not.toContain('[Pause after this node]');
  });

  it('takes a control clicked on Home (no channel comes with it) and answers in the rollout’s channel', async () => {
    await homeOpened(PEOPLE.approver);
    const before = publishesTo(h, PEOPLE.approver).length;
    await h.slash('property set session.timeout=42 on prod');
    await h.click(h.latest(), ACTION_IDS.approve, PEOPLE.approver);
    const active = await publishedHome(PEOPLE.approver, before, (text) => text.includes('[Pause after this node]'));
    const view = active.response['view'] as Json & { id: string };
    const rolloutId = h.deps.store.list({ statuses: ['approved', 'running'], limit: 1 })[0]?.id ?? '';
    const response = await h.delivery.interactive(viewBlockActionsPayload({ user: { id: PEOPLE.approver }, view, state: { values: {} }, actions: [{ action_id: CONTROL_ACTION_IDS.pause, block_id: `rollout-controls:${rolloutId}`, type: 'button', value: rolloutId }] }));
    expect(response.status).toBe(200);
    const told = h.fake.calls('chat.postEphemeral').at(-1);
    expect(told?.args).toMatchObject({ channel: CHANNEL, user: PEOPLE.approver });
    await h.bot.idle();
    expect(h.deps.store.get(rolloutId)?.status).toBe('paused');
    const paused = await publishedHome(PEOPLE.approver, before, (text) => text.includes('*paused*'));
    expect(shown(paused)).toMatch(/\[Resume\] .*\[Leave as is\]/);
    transcripts.push(`--- Home with a paused rollout ---\n${shown(paused)}`);
    // Leave it as it is from Home too: the cluster is free again.
    await h.delivery.interactive(viewBlockActionsPayload({ user: { id: PEOPLE.approver }, view, state: { values: {} }, actions: [{ action_id: CONTROL_ACTION_IDS.leave, block_id: `rollout-controls:${rolloutId}`, type: 'button', value: rolloutId }] }));
    await h.bot.idle();
    expect(h.deps.store.get(rolloutId)?.status).toBe('left-as-is');
  });
});
