import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi } from './fake-slack-api.ts';
import type { FakeSlackApi } from './fake-slack-api.ts';
import { recordingSlackLogger } from './recording-slack-logger.ts';
import { typedExpect } from '../typed-expect.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** The error code a WebClient call was rejected with (`platform_error` data). */
const slackError = async (call: Promise<unknown>): Promise<{ error?: string; errors?: string[] }> => {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: string; errors?: string[] } }).data ?? {};
  }
  throw new Error('expected the call to fail');
};

describe('startFakeSlackApi', () => {
  let fake: FakeSlackApi;
  let client: webApi.WebClient;

  beforeEach(async () => {
    fake = await startFakeSlackApi({
      users: { U0001: 'alice', U0002: { name: 'bob', real_name: 'Bob Builder', display_name: 'bobby' } },
      userGroups: { S0001: ['U0001', 'U0002'] },
    });
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: recordingSlackLogger() });
  });

  afterEach(async () => {
    await fake.close();
  });

  const post = (method: string, body: string, headers: Record<string, string>) =>
    fetch(`${fake.url}${method}`, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));

  it('serves on 127.0.0.1 with an /api/ base url', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('answers not_authed without a bot token and records the call', async () => {
    const none = await post('chat.postMessage', 'channel=C1&text=hi', { 'Content-Type': 'application/x-www-form-urlencoded' });
    const user = await post('chat.postMessage', 'channel=C1&text=hi', { Authorization: 'Bearer xoxp-user', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(none).toEqual({ status: 200, json: { ok: false, error: 'not_authed' } });
    expect(user.json.error).toBe('not_authed');
    expect(fake.calls('chat.postMessage').map((c) => c.response.error)).toEqual(['not_authed', 'not_authed']);
    expect(fake.channelHistory('C1')).toEqual([]);
  });

  it('answers invalid_auth for a token outside the configured list', async () => {
    const strict = await startFakeSlackApi({ tokens: ['xoxb-right'] });
    try {
      const wrong = new webApi.WebClient('xoxb-wrong', { slackApiUrl: strict.url, retryConfig: { retries: 0 }, logger: recordingSlackLogger() });
      expect(await slackError(wrong.auth.test())).toMatchObject({ error: 'invalid_auth' });
    } finally {
      await strict.close();
    }
  });

  it('records chat.postMessage with parsed blocks and returns increasing unique ts', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'verdict', blocks: [section('*eligible*')] });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'second' });
    expect(first).toMatchObject({ ok: true, channel: 'C1', ts: '1700000000.000100', message: { text: 'verdict', user: 'U_BOT', bot_id: 'B1' } });
    expect(second.ts).toBe('1700000000.000200');
    const [call] = fake.calls('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C1', text: 'verdict', blocks: [section('*eligible*')] });
    expect(call?.at).toBeInstanceOf(Date);
  });

  it('accepts JSON bodies', async () => {
    const res = await post('chat.postMessage', JSON.stringify({ channel: 'C1', text: 'json', blocks: [section('s')] }), {
      Authorization: 'Bearer xoxb-test',
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(res.json).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.calls('chat.postMessage')[0]?.args.blocks).toEqual([section('s')]);
  });

  it('keeps thread replies under their parent in channelHistory', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'plan' });
    const parentTs = parent.ts ?? '';
    await client.chat.postMessage({ channel: 'C1', thread_ts: parentTs, text: 'node-1 stopped' });
    const reply = await client.chat.postMessage({ channel: 'C1', thread_ts: parentTs, text: 'node-1 started' });
    await client.chat.postMessage({ channel: 'C1', text: 'another request' });

    const history = fake.channelHistory('C1');
    expect(history.map((m) => m.text)).toEqual(['plan', 'another request']);
    expect(history[0]?.replies.map((m) => m.text)).toEqual(['node-1 stopped', 'node-1 started']);
    expect(history[0]).toMatchObject({ thread_ts: parentTs, reply_count: 2 });
    expect(fake.message('C1', reply.ts ?? '')).toMatchObject({ text: 'node-1 started', thread_ts: parentTs });

    expect(await slackError(client.chat.postMessage({ channel: 'C1', thread_ts: reply.ts ?? '', text: 'x' }))).toMatchObject({ error: 'invalid_thread_ts' });
    expect(await slackError(client.chat.postMessage({ channel: 'C1', thread_ts: '1.000001', text: 'x' }))).toMatchObject({ error: 'thread_not_found' });
  });

  it('updates a stored message with chat.update and rejects an unknown ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'awaiting approval', blocks: [section('Approve?')] });
    const updated = await client.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'approved', blocks: [section('Approved by <@U0001>')] });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts, text: 'approved' });
    expect(fake.message('C1', posted.ts ?? '')).toMatchObject({ text: 'approved', blocks: [section('Approved by <@U0001>')], edited: { user: 'U_BOT' } });
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toMatchObject({ error: 'message_not_found' });
  });

  it('answers invalid_blocks with the violations, and no_text for an empty message', async () => {
    const tooLong = await slackError(client.chat.postMessage({ channel: 'C1', text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }));
    expect(tooLong).toEqual(expect.objectContaining({ error: 'invalid_blocks', errors: ['/blocks/0/text/text: 151 characters, at most 150'] }));
    const noText = await slackError(client.chat.postMessage({ channel: 'C1', blocks: [section('s')] }));
    expect(noText.error).toBe('invalid_blocks');
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: '' }))).toMatchObject({ error: 'no_text' });
    expect(fake.channelHistory('C1')).toEqual([]);
  });

  it('answers chat.postEphemeral with a message_ts', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C1', user: 'U0001', text: 'parse error: ...' });
    expect(res).toMatchObject({ ok: true, message_ts: typedExpect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(await slackError(client.chat.postEphemeral({ channel: 'C1', user: 'U9999', text: 'x' }))).toMatchObject({ error: 'user_not_found' });
  });

  it('opens and updates views, validating them and using a trigger_id once', async () => {
    const view = { type: 'modal' as const, callback_id: 'confirm', title: { type: 'plain_text' as const, text: 'Confirm' }, blocks: [section('Sure?')] };
    const opened = await client.views.open({ trigger_id: 't1', view });
    const viewId = opened.view?.id ?? '';
    expect(opened.view).toMatchObject({ id: typedExpect.stringMatching(/^V/), callback_id: 'confirm', private_metadata: '' });
    expect(await slackError(client.views.open({ trigger_id: 't1', view }))).toMatchObject({ error: 'expired_trigger_id' });
    const updated = await client.views.update({ view_id: viewId, view: { ...view, private_metadata: '{"rollout":"r1"}' } });
    expect(updated.view).toMatchObject({ id: viewId, private_metadata: '{"rollout":"r1"}' });
    expect(fake.calls('views.update')[0]?.args.view).toMatchObject({ callback_id: 'confirm' });
    const badTitle = await slackError(client.views.open({ trigger_id: 't2', view: { ...view, title: { type: 'plain_text', text: 'x'.repeat(25) } } }));
    expect(badTitle.error).toBe('invalid_arguments');
  });

  it('answers auth.test, users.info, usergroups.users.list, conversations.info and unknown methods', async () => {
    const withChannels = await startFakeSlackApi({ channels: { C0001: 'liferay-ops', G0002: { name: 'secret-ops', is_private: true } } });
    const other = new webApi.WebClient('xoxb-test', { slackApiUrl: withChannels.url, retryConfig: { retries: 0 }, logger: recordingSlackLogger() });
    try {
      expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U_BOT', bot_id: 'B1', team_id: 'T0001' });
      expect(await client.users.info({ user: 'U0002' })).toMatchObject({ user: { id: 'U0002', name: 'bob', real_name: 'Bob Builder', profile: { display_name: 'bobby' } } });
      expect(await slackError(client.users.info({ user: 'U9999' }))).toMatchObject({ error: 'user_not_found' });
      expect(await client.usergroups.users.list({ usergroup: 'S0001' })).toMatchObject({ users: ['U0001', 'U0002'] });
      expect(await slackError(client.usergroups.users.list({ usergroup: 'S9999' }))).toMatchObject({ error: 'no_such_subteam' });
      expect(await other.conversations.info({ channel: 'G0002' })).toMatchObject({ channel: { id: 'G0002', name: 'secret-ops', is_private: true } });
      expect(await slackError(other.conversations.info({ channel: 'C9999' }))).toMatchObject({ error: 'channel_not_found' });
      expect(await other.chat.postMessage({ channel: '#liferay-ops', text: 'by name' })).toMatchObject({ channel: 'C0001' });
      expect(await slackError(other.chat.postMessage({ channel: 'C9999', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
      expect(await slackError(client.apiCall('chat.frobnicate'))).toMatchObject({ error: 'unknown_method' });
    } finally {
      await withChannels.close();
    }
  });

  it('fails the next call of a method once: an error, then a 500', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_is_archived' });
    fake.failNext('chat.postMessage', { status: 500 });
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'a' }))).toMatchObject({ error: 'channel_is_archived' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(await client.chat.postMessage({ channel: 'C1', text: 'c' })).toMatchObject({ ok: true });
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 500, 200]);
    expect(fake.channelHistory('C1').map((m) => m.text)).toEqual(['c']);
  });

  it('answers a 429 with Retry-After once', async () => {
    fake.failNext('chat.update', { status: 429, retryAfter: 7 });
    const res = await fetch(`${fake.url}chat.update`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' }, body: 'channel=C1&ts=1&text=x' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1', text: 'x' }))).toMatchObject({ error: 'message_not_found' });
  });

  it('records respond() payloads on minted response URLs and applies replace_original to a bound message', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'awaiting approval' });
    const loose = fake.mintResponseUrl();
    const bound = fake.mintResponseUrl({ channel: 'C1', messageTs: posted.ts ?? '' });
    expect(loose).toMatch(new RegExp(`^${fake.origin}/response/R\\d+$`));

    const json = (url: string, payload: unknown) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    expect((await json(loose, { text: 'only you can see this', response_type: 'ephemeral' })).status).toBe(200);
    expect((await json(bound, { replace_original: true, text: 'approved', blocks: [section('Approved')] })).status).toBe(200);
    expect((await json(bound, { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] })).status).toBe(400);

    expect(fake.responses().map((c) => c.args.text)).toEqual(['only you can see this', 'approved', 't']);
    expect(fake.responses(loose.split('/').pop())).toHaveLength(1);
    expect(fake.message('C1', posted.ts ?? '')).toMatchObject({ text: 'approved', blocks: [section('Approved')] });

    for (let i = 0; i < 5; i += 1) await json(loose, { text: `again ${i}` });
    expect(fake.responses(loose.split('/').pop()).map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(fake.responses().at(-1)).toMatchObject({ response: { ok: false, error: 'used_url' } });
  });

  it('waitFor resolves on a later matching call and rejects after the timeout', async () => {
    const waiting = fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.text === 'later', 1000);
    await client.chat.postMessage({ channel: 'C1', text: 'earlier' });
    await client.chat.postMessage({ channel: 'C1', text: 'later' });
    await expect(waiting).resolves.toMatchObject({ args: { text: 'later' } });
    await expect(fake.waitFor((c) => c.method === 'views.open', 50)).rejects.toThrow(/no matching call within 50 ms \(calls so far: chat.postMessage, chat.postMessage\)/);
  });
});
