import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interactivityBody, signedSlackClient, slackSignature, slashCommandBody } from './signed-slack-client.ts';
import { slashCommandFields } from './slack-payload-builders.ts';

describe('slackSignature', () => {
  it("matches the example in Slack's 'Verifying requests from Slack' guide", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('request bodies', () => {
  it('encodes a slash command like Slack: + for spaces, %2F for the slash, fields in Slack order', () => {
    const body = slashCommandBody(slashCommandFields({ text: 'fixpack install dxp-17-7110 on prod', response_url: 'https://r.example/1', trigger_id: 't.1' }));
    expect(body).toBe(
      'token=verification-token-0001&team_id=T0001&team_domain=liferay-ops&channel_id=C0001&channel_name=liferay-ops' +
        '&user_id=U0001&user_name=alice&command=%2Fliferay&text=fixpack+install+dxp-17-7110+on+prod&api_app_id=A0001' +
        '&is_enterprise_install=false&response_url=https%3A%2F%2Fr.example%2F1&trigger_id=t.1',
    );
  });

  it('wraps interactivity payloads in a single payload= field', () => {
    const body = interactivityBody({ type: 'block_actions', actions: [{ value: 'a b&c' }] });
    expect([...new URLSearchParams(body).keys()]).toEqual(['payload']);
    expect(JSON.parse(new URLSearchParams(body).get('payload') ?? '')).toEqual({ type: 'block_actions', actions: [{ value: 'a b&c' }] });
  });
});

describe('signedSlackClient', () => {
  const signingSecret = 'shhh';
  const received: Array<{ url: string | undefined; headers: IncomingHttpHeaders; body: string }> = [];
  let server: Server;
  let baseUrl: string;

  beforeEach(async () => {
    received.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const verifies = (request: { headers: IncomingHttpHeaders; body: string }, nowMilliseconds = Date.now()): boolean =>
    isValidSlackRequest({
      signingSecret,
      body: request.body,
      headers: {
        'x-slack-signature': String(request.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
      },
      nowMilliseconds,
    });

  it('posts to /slack/events with the exact form content type and a signature Bolt accepts', async () => {
    const client = signedSlackClient({ baseUrl, signingSecret });
    await client.slashCommand({ text: 'help' });
    await client.blockAction();
    await client.viewSubmission({ view: { callback_id: 'confirm' } });
    expect(received.map((r) => r.url)).toEqual(['/slack/events', '/slack/events', '/slack/events']);
    for (const request of received) {
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(verifies(request)).toBe(true);
    }
  });

  it.each([
    ['forged', { forge: true }],
    ['stale', { stale: true }],
  ] as const)('sends a %s request that Bolt would refuse', async (_label, options) => {
    await signedSlackClient({ baseUrl, signingSecret }).slashCommand({}, options);
    const [request] = received;
    expect(request?.headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(request === undefined ? true : verifies(request)).toBe(false);
  });

  it('stale means 6 minutes old', async () => {
    await signedSlackClient({ baseUrl, signingSecret, now: () => 1_700_000_400_000 }).slashCommand({}, { stale: true });
    expect(received[0]?.headers['x-slack-request-timestamp']).toBe(String(1_700_000_400 - 360));
  });

  it('can send no signature at all, and honours a custom path', async () => {
    await signedSlackClient({ baseUrl, signingSecret, path: '/hooks/slack' }).slashCommand({}, { unsigned: true });
    expect(received[0]?.url).toBe('/hooks/slack');
    expect(received[0]?.headers['x-slack-signature']).toBeUndefined();
    expect(received[0]?.headers['x-slack-request-timestamp']).toBeUndefined();
  });
});
