import { App } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi } from './fake-slack-api.ts';
import type { FakeSlackApi } from './fake-slack-api.ts';
import { recordingSlackLogger } from './recording-slack-logger.ts';
import type { RecordingSlackLogger } from './recording-slack-logger.ts';
import { signedSlackClient } from './signed-slack-client.ts';
import type { SignedSlackClient } from './signed-slack-client.ts';
import { startBoltHttpApp } from './start-bolt-http-app.ts';
import type { RunningBoltApp } from './start-bolt-http-app.ts';
import { typedExpect } from '../typed-expect.ts';

const signingSecret = 'test-signing-secret';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A real Bolt app in HTTP mode wired to the fake Web API, with a few listeners like the bot's. */
describe('fake Slack with a real Bolt app', () => {
  let fake: FakeSlackApi;
  let logger: RecordingSlackLogger;
  let running: RunningBoltApp | undefined;
  let slack: SignedSlackClient;
  let seen: Array<{ kind: string; body: unknown }>;
  let apiErrors: unknown[];

  const startApp = async (retryConfig: webApi.RetryOptions = { retries: 0 }): Promise<App> => {
    const app = new App({
      token: 'xoxb-test',
      signingSecret,
      botId: 'B1',
      botUserId: 'U_BOT',
      processBeforeResponse: true,
      logger,
      clientOptions: { slackApiUrl: fake.url, retryConfig },
    });
    app.command('/liferay', async ({ command, ack, client, respond }) => {
      await ack();
      seen.push({ kind: 'command', body: command });
      if (command.text === 'help') {
        await respond({ response_type: 'ephemeral', text: 'Usage: /liferay fixpack install <patch> on <cluster>' });
        return;
      }
      const header = command.text === 'too long' ? 'h'.repeat(151) : 'Rolling restart possible';
      try {
        await client.chat.postMessage({
          channel: command.channel_id,
          text: `Request: ${command.text}`,
          blocks: [{ type: 'header', text: { type: 'plain_text', text: header } }, section(`\`${command.text}\``)],
        });
      } catch (error) {
        apiErrors.push(error);
      }
    });
    app.action('approve', async ({ ack, body, client }) => {
      await ack();
      seen.push({ kind: 'action', body });
      if (body.type === 'block_actions' && body.channel !== undefined && body.message !== undefined) {
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: `Approved by <@${body.user.id}>`, blocks: [] });
      }
    });
    app.view('confirm', async ({ ack, view, body }) => {
      seen.push({ kind: 'view', body });
      if (view.state.values.reason?.text?.value === '') {
        await ack({ response_action: 'errors', errors: { reason: 'Say why' } });
        return;
      }
      await ack();
    });
    running = await startBoltHttpApp(app);
    slack = signedSlackClient({ baseUrl: running.baseUrl, signingSecret });
    return app;
  };

  beforeEach(async () => {
    fake = await startFakeSlackApi();
    logger = recordingSlackLogger();
    seen = [];
    apiErrors = [];
    running = undefined;
  });

  afterEach(async () => {
    await running?.stop();
    await fake.close();
  });

  it('starts on a random port of 127.0.0.1', async () => {
    await startApp();
    expect(running?.port).toBeGreaterThan(0);
    expect(running?.baseUrl).toBe(`http://127.0.0.1:${running?.port}`);
  });

  it('a signed slash command gets 200 and the listener posts through the fake', async () => {
    await startApp();
    const res = await slack.slashCommand({ text: 'fixpack install dxp-17-7110 on prod' });
    expect(res).toEqual({ status: 200, body: '' });
    const [call] = fake.calls('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0001', text: 'Request: fixpack install dxp-17-7110 on prod' });
    expect(fake.channelHistory('C0001')).toMatchObject([{ text: 'Request: fixpack install dxp-17-7110 on prod', user: 'U_BOT' }]);
    expect(seen[0]?.body).toMatchObject({ command: '/liferay', user_id: 'U0001', is_enterprise_install: 'false', api_app_id: 'A0001' });
  });

  it('respond() reaches a minted response URL', async () => {
    await startApp();
    const responseUrl = fake.mintResponseUrl();
    expect(await slack.slashCommand({ text: 'help', response_url: responseUrl })).toMatchObject({ status: 200 });
    expect(fake.responses()).toMatchObject([{ args: { response_type: 'ephemeral', text: typedExpect.stringContaining('Usage') }, status: 200 }]);
  });

  it.each([
    ['a forged signature', { forge: true }],
    ['a stale timestamp', { stale: true }],
    ['no signature', { unsigned: true }],
  ] as const)('refuses %s with 401 and calls nothing', async (_label, options) => {
    await startApp();
    const res = await slack.slashCommand({ text: 'fixpack install dxp-17-7110 on prod' }, options);
    expect(res.status).toBe(401);
    expect(seen).toEqual([]);
    expect(fake.calls()).toEqual([]);
  });

  it('a block_actions payload reaches app.action and its chat.update edits the stored message', async () => {
    await startApp();
    const posted = fake.workspace.call('chat.postMessage', { channel: 'C0001', text: 'Approve?', blocks: [section('Approve?')] });
    const ts = String(posted.ts);
    const res = await slack.blockAction({
      user: { id: 'U0002', username: 'bob' },
      message: { ts, text: 'Approve?' },
      actions: [{ action_id: 'approve', block_id: 'decision', value: 'plan-hash-1' }],
    });
    expect(res.status).toBe(200);
    expect(seen).toMatchObject([{ kind: 'action', body: { actions: [{ value: 'plan-hash-1' }], user: { id: 'U0002' }, container: { message_ts: ts } } }]);
    expect(fake.message('C0001', ts)).toMatchObject({ text: 'Approved by <@U0002>', edited: { user: 'U_BOT' } });
  });

  it('a view_submission reaches app.view with private_metadata and state', async () => {
    await startApp();
    const state = { values: { reason: { text: { type: 'plain_text_input', value: 'patch Tuesday' } } } };
    const res = await slack.viewSubmission({ view: { callback_id: 'confirm', private_metadata: '{"rollout":"r1"}', state } });
    expect(res).toEqual({ status: 200, body: '' });
    expect(seen).toMatchObject([{ kind: 'view', body: { view: { private_metadata: '{"rollout":"r1"}', state } } }]);

    const empty = { values: { reason: { text: { type: 'plain_text_input', value: '' } } } };
    const refused = await slack.viewSubmission({ view: { callback_id: 'confirm', state: empty } });
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { reason: 'Say why' } });
  });

  it('answers invalid blocks with invalid_blocks, which the app sees as a platform error', async () => {
    await startApp();
    expect((await slack.slashCommand({ text: 'too long' })).status).toBe(200);
    expect(apiErrors).toMatchObject([{ code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_blocks', errors: ['/blocks/0/text/text: 151 characters, at most 150'] } }]);
    expect(fake.channelHistory('C0001')).toEqual([]);
  });

  it('answers a 429 with Retry-After once; the client waits and retries', async () => {
    await startApp({ retries: 1, factor: 1, minTimeout: 0, maxTimeout: 0 });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    expect((await slack.slashCommand({ text: 'fixpack install dxp-17-7110 on prod' })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    expect(apiErrors).toEqual([]);
    expect(fake.channelHistory('C0001')).toHaveLength(1);
    expect(logger.entries.some((entry) => entry.message.includes('rate limiting'))).toBe(true);
  });

  it('with no retries a 429 surfaces as an error after the Retry-After pause', async () => {
    await startApp();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect((await slack.slashCommand({ text: 'fixpack install dxp-17-7110 on prod' })).status).toBe(200);
    expect(fake.calls('chat.postMessage').map((call) => call.status)).toEqual([429]);
    expect(apiErrors).toMatchObject([{ code: 'slack_webapi_request_error' }]);
  });
});
