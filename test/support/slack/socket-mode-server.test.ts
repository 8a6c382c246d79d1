import { App } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';
import { recordingSlackLogger } from './recording-slack-logger.ts';
import { socketModeDelivery } from './slack-delivery.ts';
import { startBoltSocketApp, type RunningSocketApp } from './start-bolt-socket-app.ts';
import { trackBoltProcessing } from './track-bolt-processing.ts';
import { closeCodeOf, closePayload, encodeFrame, FrameReader, OPCODES, type WebSocketFrame } from './web-socket-frames.ts';
import { waitUntil } from '../local-cluster/wait-until.ts';

const APP_TOKEN = 'xapp-1-A0001-1234-abcdef';

describe('WebSocket frames', () => {
  it.each([
    ['empty', 0],
    ['7-bit length', 125],
    ['16-bit length', 126],
    ['largest 16-bit length', 65_535],
    ['64-bit length', 65_536],
  ])('a %s frame reads back the same, masked or not, however the bytes are split', (_name, length) => {
    const payload = randomBytes(length);
    for (const mask of [undefined, randomBytes(4)]) {
      const bytes = encodeFrame(OPCODES.binary, payload, mask);
      const whole = new FrameReader().push(bytes);
      expect(whole).toHaveLength(1);
      expect(whole[0]?.payload.equals(payload)).toBe(true);
      expect(whole[0]?.masked).toBe(mask !== undefined);
      const reader = new FrameReader();
      const frames: WebSocketFrame[] = [];
      const step = Math.max(1, Math.floor(bytes.length / 7));
      for (let i = 0; i < bytes.length; i += step) frames.push(...reader.push(bytes.subarray(i, i + step)));
      expect(frames.map((f) => f.payload.equals(payload))).toEqual([true]);
    }
  });

  it('reads two frames that arrive in one chunk, and a close frame’s code', () => {
    const bytes = Buffer.concat([encodeFrame(OPCODES.text, 'héllo', randomBytes(4), false), encodeFrame(OPCODES.close, closePayload(1000, 'bye'))]);
    const [first, second] = new FrameReader().push(bytes);
    expect(first).toMatchObject({ fin: false, opcode: OPCODES.text, masked: true });
    expect(first?.payload.toString('utf8')).toBe('héllo');
    expect(second?.opcode).toBe(OPCODES.close);
    expect(closeCodeOf(second?.payload ?? Buffer.alloc(0))).toBe(1000);
  });
});

/** A raw WebSocket client on node:net, to send what undici never would. */
async function rawUpgrade(url: string): Promise<{ socket: Socket; status: string; frames: () => WebSocketFrame[] }> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(
    `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const reader = new FrameReader();
  const frames: WebSocketFrame[] = [];
  let head = '';
  let upgraded = false;
  const status = await new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      if (upgraded) {
        frames.push(...reader.push(chunk));
        return;
      }
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      upgraded = true;
      resolve(head.slice(0, head.indexOf('\r\n')));
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length > 0) frames.push(...reader.push(rest));
    });
  });
  return { socket, status, frames: () => frames };
}

describe('the Socket Mode stand-in', () => {
  let fake: FakeSlackApi;
  let running: RunningSocketApp | undefined;
  let seen: string[];

  beforeEach(async () => {
    fake = await startFakeSlackApi({ appTokens: [APP_TOKEN] });
    running = undefined;
    seen = [];
  });

  afterEach(async () => {
    await running?.stop();
    await fake.close();
  });

  const socketApp = (): App => {
    const app = new App({
      token: 'xoxb-test',
      appToken: APP_TOKEN,
      socketMode: true,
      botId: 'B1',
      botUserId: 'U_BOT',
      logger: recordingSlackLogger(),
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/liferay', async ({ command, ack, client }) => {
      seen.push(`command ${command.text}`);
      if (command.text === 'silent') return;
      await ack({ response_type: 'ephemeral', text: `⏳ Checking ${command.text}` });
      await client.chat.postMessage({ channel: command.channel_id, text: `Request: ${command.text}` });
    });
    app.action('approve', async ({ ack, body }) => {
      await ack();
      seen.push(`action by ${body.user.id}`);
    });
    app.view('confirm', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { reason: 'Say why' } });
    });
    app.event('app_home_opened', ({ event }) => {
      seen.push(`home of ${event.user}`);
      return Promise.resolve();
    });
    return app;
  };

  it('answers apps.connections.open only for the app token, with a single-use ws:// ticket on its own port', async () => {
    const open = async (token: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${fake.url}apps.connections.open`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      return (await response.json()) as Record<string, unknown>;
    };
    expect(await open('xoxb-bot-token')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await open('xapp-1-A0001-9999-other')).toEqual({ ok: false, error: 'invalid_auth' });
    const opened = await open(APP_TOKEN);
    expect(opened['ok']).toBe(true);
    expect(String(opened['url'])).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(fake.origin).port}/link/\\?ticket=[0-9a-f]+`));
    // The app token is no bot token: Web API methods refuse it.
    const post = await fetch(`${fake.url}chat.postMessage`, { method: 'POST', headers: { Authorization: `Bearer ${APP_TOKEN}` } });
    expect(await post.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });

    const first = await rawUpgrade(String(opened['url']));
    expect(first.status).toBe('HTTP/1.1 101 Switching Protocols');
    await waitUntil(() => first.frames()[0], { timeoutMs: 10_000, what: 'hello' });
    expect(JSON.parse(first.frames()[0]?.payload.toString('utf8') ?? '')).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } });
    const again = await rawUpgrade(String(opened['url']));
    expect(again.status).toBe('HTTP/1.1 401 Unauthorized');
    first.socket.destroy();
    again.socket.destroy();
  });

  it('closes a connection whose client sends an unmasked frame (code 1002)', async () => {
    const { url } = fake.socket.openConnection(fake.origin);
    const client = await rawUpgrade(url);
    client.socket.write(encodeFrame(OPCODES.text, '{"envelope_id":"x"}'));
    const close = await waitUntil(() => client.frames().find((f) => f.opcode === OPCODES.close), { timeoutMs: 10_000, what: 'a close frame' });
    expect(closeCodeOf(close.payload)).toBe(1002);
    client.socket.destroy();
  });

  it('a real Bolt app connects with its app token, gets hello, and acks each envelope by its id with what an HTTP body would carry', async () => {
    const app = socketApp();
    const processing = trackBoltProcessing(app);
    running = await startBoltSocketApp(app);
    expect(fake.calls('apps.connections.open')).toHaveLength(1);
    expect(fake.socket.connections()).toBe(1);
    const slack = socketModeDelivery(fake.socket, { afterAck: () => processing.settled() });

    expect(await slack.slashCommand({ text: 'fixpack install dxp-14-7110 on prod' })).toEqual({
      status: 200,
      body: JSON.stringify({ response_type: 'ephemeral', text: '⏳ Checking fixpack install dxp-14-7110 on prod' }),
    });
    // afterAck waited for the listener: its post is in.
    expect(fake.channelHistory('C0001').map((m) => m.text)).toEqual(['Request: fixpack install dxp-14-7110 on prod']);
    expect(await slack.blockAction({ user: { id: 'U0LI' } })).toEqual({ status: 200, body: '' });
    expect(await slack.viewSubmission({ view: { callback_id: 'confirm' } })).toEqual({
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { reason: 'Say why' } }),
    });
    // Bolt acks an event before its listener runs.
    expect(await slack.event({ event: { type: 'app_home_opened', user: 'U0ANA', channel: 'D0ANA', tab: 'home' } })).toEqual({ status: 200, body: '' });
    expect(seen).toEqual(['command fixpack install dxp-14-7110 on prod', 'action by U0LI', 'home of U0ANA']);
    const acks = fake.socket.frames().filter((f) => f.kind === 'text').map((f) => JSON.parse(f.data) as Record<string, unknown>);
    expect(acks).toHaveLength(4);
    for (const ack of acks) expect(ack['envelope_id']).toMatch(/-stand-in$/);
  });

  it('fails a delivery the app does not ack in time, as Slack would tell the user', async () => {
    await fake.close();
    fake = await startFakeSlackApi({ appTokens: [APP_TOKEN], ackTimeoutMs: 300 });
    running = await startBoltSocketApp(socketApp());
    await expect(fake.socket.deliver('slash_commands', { command: '/liferay', text: 'silent', user_id: 'U0001', channel_id: 'C0001' })).rejects.toThrow(
      /no ack of slash_commands envelope .* within 300 ms/,
    );
    await waitUntil(() => seen.includes('command silent') || undefined, { timeoutMs: 10_000, what: 'the listener ran' });
  });

  it('answers the client’s pings with pongs, and the client answers its pings', async () => {
    running = await startBoltSocketApp(socketApp());
    expect(await fake.socket.ping('are you there')).toBe('are you there');
    // The client pings every 5 s / 3 and drops the connection after its 4th ping without a pong: after 5 pings it still has its first one.
    await waitUntil(() => fake.socket.frames().filter((f) => f.kind === 'ping').length >= 5 || undefined, { timeoutMs: 60_000, what: 'five pings from the client' });
    expect(fake.socket.frames().filter((f) => f.kind === 'ping').map((f) => f.connection)).toEqual([1, 1, 1, 1, 1]);
    expect(fake.socket.connections()).toBe(1);
    expect(fake.socket.connectionsOpened()).toBe(1);
  });

  it('on disconnect (refresh_requested) the client closes, opens a new connection through apps.connections.open, and envelopes reach it', async () => {
    const app = socketApp();
    const processing = trackBoltProcessing(app);
    running = await startBoltSocketApp(app);
    expect(fake.socket.disconnect('refresh_requested')).toBe(1);
    // The client reconnects after its clientPingTimeout (5 s): a generous bound for a loaded machine.
    await fake.socket.waitForConnection(2, 60_000);
    expect(fake.calls('apps.connections.open')).toHaveLength(2);
    expect(fake.socket.frames().filter((f) => f.kind === 'close').map((f) => `${f.connection}:${f.data}`)).toEqual(['1:1000']);
    expect(fake.socket.connections()).toBe(1);
    const slack = socketModeDelivery(fake.socket, { afterAck: () => processing.settled() });
    await slack.slashCommand({ text: 'after the refresh' });
    expect(fake.channelHistory('C0001').map((m) => m.text)).toEqual(['Request: after the refresh']);
    expect(fake.socket.frames().filter((f) => f.kind === 'text').at(-1)?.connection).toBe(2);
  });
});
