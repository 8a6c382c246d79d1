import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackWorkspace } from './fake-slack-workspace.ts';
import { createSocketModeServer, type SocketModeServer } from './socket-mode-server.ts';
import type { FakeSlackMessage, FakeSlackThread, FakeSlackWorkspaceOptions, SlackJson } from './fake-slack-workspace.ts';
import { messageOf } from '../../../src/domain/message-of.ts';

/**
 * A stand-in for Slack's Web API (`POST /api/<method>`) and for `response_url`s (`POST /response/<id>`)
 * on 127.0.0.1 and a random port. Point a Bolt app at it with
 * `clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } }`.
 *
 * Socket Mode too: `apps.connections.open` (with an `xapp-` app token) answers a
 * `ws://127.0.0.1:PORT/link/?ticket=…` URL on this same server, whose WebSocket end is `socket`
 * (socket-mode-server.ts). Bolt hands its `clientOptions` (so `slackApiUrl`) to its Socket Mode client.
 */

export interface FakeSlackApiOptions extends FakeSlackWorkspaceOptions {
  /** Accepted bot tokens; any `xoxb-...` token when absent. Others get `invalid_auth`. */
  readonly tokens?: readonly string[];
  /** Accepted app-level tokens for `apps.connections.open`; any `xapp-...` token when absent. Others get `invalid_auth`. */
  readonly appTokens?: readonly string[];
  /** Socket Mode: how long an envelope waits for its ack (Slack's 3 s by default). */
  readonly ackTimeoutMs?: number;
}

/** One request the fake received, in arrival order. `method` is `response_url` for response URL posts. */
export interface FakeSlackCall {
  readonly method: string;
  /** Decoded arguments: form fields as strings, `blocks` / `view` / `attachments` / `metadata` JSON-parsed. */
  readonly args: SlackJson;
  readonly at: Date;
  /** HTTP status and JSON body the fake answered with. */
  readonly status: number;
  readonly response: SlackJson;
  /** For `response_url` posts: the id in `/response/<id>`. */
  readonly responseId?: string;
}

/** Makes the next call of a method fail once: an error (200 `{ok:false}`), a 429 with Retry-After, or a 5xx. */
export interface FakeSlackFault {
  /** Slack error code for a 200 `{ ok: false, error }` answer (default `internal_error` for 5xx). */
  readonly error?: string;
  /** HTTP status, e.g. 429 (rate limited, with Retry-After) or 500. */
  readonly status?: number;
  /** Seconds for the Retry-After header of a 429 (default 1). */
  readonly retryAfter?: number;
}

export interface MintResponseUrlOptions {
  /** Binds the URL to a message so `replace_original` / `delete_original` / `in_channel` act on the store. */
  readonly channel?: string;
  readonly messageTs?: string;
}

export interface FakeSlackApi {
  /** Web API base URL with trailing slash: `http://127.0.0.1:PORT/api/`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly workspace: FakeSlackWorkspace;
  /** The Socket Mode end: connections opened through `apps.connections.open`, envelopes, acks. */
  readonly socket: SocketModeServer;
  /** Recorded calls in arrival order, optionally only those of one method. */
  calls(method?: string): FakeSlackCall[];
  /** `respond()` payloads received on response URLs, optionally for one id. */
  responses(responseId?: string): FakeSlackCall[];
  channelHistory(channel: string): FakeSlackThread[];
  message(channel: string, ts: string): FakeSlackMessage | undefined;
  failNext(method: string, fault?: FakeSlackFault): void;
  /** A fresh `http://127.0.0.1:PORT/response/<id>` URL for payloads' `response_url`. */
  mintResponseUrl(options?: MintResponseUrlOptions): string;
  /** Resolves with the first recorded call (already recorded or future) that matches. */
  waitFor(predicate: (call: FakeSlackCall) => boolean, timeoutMs?: number): Promise<FakeSlackCall>;
  close(): Promise<void>;
}

/** Fields Slack's clients send as JSON strings inside a form body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'] as const;
/** A response URL takes 5 posts (in 30 minutes). */
const RESPONSE_URL_MAX_POSTS = 5;

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const isRecord = (value: unknown): value is SlackJson => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Form or JSON body -> arguments; JSON-string fields decoded (left as strings when they are not JSON). */
const decodeArgs = (contentType: string | undefined, body: string): SlackJson | undefined => {
  let args: SlackJson;
  if (contentType?.startsWith('application/json') === true) {
    try {
      const parsed: unknown = body.length === 0 ? {} : JSON.parse(body);
      if (!isRecord(parsed)) return undefined;
      args = parsed;
    } catch {
      return undefined;
    }
  } else {
    args = Object.fromEntries(new URLSearchParams(body));
  }
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value) as unknown;
    } catch {
      // keep the string: the method answers invalid_blocks_format / invalid_arguments
    }
  }
  return args;
};

const send = (res: ServerResponse, status: number, body: SlackJson, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

export const startFakeSlackApi = async (options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> => {
  const workspace = new FakeSlackWorkspace(options);
  const socket = createSocketModeServer({ appId: workspace.appId, ...(options.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: options.ackTimeoutMs }) });
  let origin = '';
  const recorded: FakeSlackCall[] = [];
  const events = new EventEmitter();
  const faults = new Map<string, FakeSlackFault[]>();
  const responseBindings = new Map<string, MintResponseUrlOptions>();
  const responsePosts = new Map<string, number>();
  let responseCounter = 0;

  const record = (call: FakeSlackCall): void => {
    recorded.push(call);
    events.emit('call', call);
  };

  /** Answers with the method's next queued fault, if any, and says what it answered. */
  const answerFault = (res: ServerResponse, method: string): { status: number; response: SlackJson } | undefined => {
    const fault = faults.get(method)?.shift();
    if (fault === undefined) return undefined;
    if (fault.status === 429) {
      const response = { ok: false, error: fault.error ?? 'ratelimited' };
      send(res, 429, response, { 'retry-after': String(fault.retryAfter ?? 1) });
      return { status: 429, response };
    }
    if (fault.status !== undefined && fault.status !== 200) {
      const response = { ok: false, error: fault.error ?? 'internal_error' };
      send(res, fault.status, response);
      return { status: fault.status, response };
    }
    const response = { ok: false, error: fault.error ?? 'internal_error' };
    send(res, 200, response);
    return { status: 200, response };
  };

  const handleApi = (req: IncomingMessage, res: ServerResponse, method: string, body: string): void => {
    const args = decodeArgs(req.headers['content-type'], body) ?? {};
    const answer = (status: number, response: SlackJson): void => {
      send(res, status, response);
      record({ method, args, at: new Date(), status, response });
    };
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (method === 'apps.connections.open') {
      // Only an app-level token opens a Socket Mode connection; Slack answers a bot token so.
      if (token === undefined) answer(200, { ok: false, error: 'not_authed' });
      else if (!token.startsWith('xapp-')) answer(200, { ok: false, error: 'not_allowed_token_type' });
      else if (options.appTokens !== undefined && !options.appTokens.includes(token)) answer(200, { ok: false, error: 'invalid_auth' });
      else {
        const faulted = answerFault(res, method);
        if (faulted === undefined) answer(200, { ok: true, ...socket.openConnection(origin) });
        else record({ method, args, at: new Date(), ...faulted });
      }
      return;
    }
    if (token?.startsWith('xapp-') === true) {
      answer(200, { ok: false, error: 'not_allowed_token_type' });
      return;
    }
    if (token === undefined || !token.startsWith('xoxb-')) {
      answer(200, { ok: false, error: 'not_authed' });
      return;
    }
    if (options.tokens !== undefined && !options.tokens.includes(token)) {
      answer(200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const faulted = answerFault(res, method);
    if (faulted === undefined) answer(200, workspace.call(method, args));
    else record({ method, args, at: new Date(), ...faulted });
  };

  const handleResponseUrl = (req: IncomingMessage, res: ServerResponse, responseId: string, body: string): void => {
    const contentType = req.headers['content-type'];
    const form = contentType?.startsWith('application/json') === true ? undefined : new URLSearchParams(body).get('payload');
    const args = (form === undefined || form === null ? decodeArgs('application/json', body) : decodeArgs('application/json', form)) ?? {};
    const base = { method: 'response_url', args, at: new Date(), responseId };
    const faulted = answerFault(res, 'response_url');
    if (faulted !== undefined) {
      record({ ...base, ...faulted });
      return;
    }
    const posts = (responsePosts.get(responseId) ?? 0) + 1;
    responsePosts.set(responseId, posts);
    let status = 200;
    let response: SlackJson;
    if (posts > RESPONSE_URL_MAX_POSTS) {
      status = 404;
      response = { ok: false, error: 'used_url' };
    } else {
      response = workspace.applyResponse(responseBindings.get(responseId) ?? {}, args);
      if (response.ok !== true) status = 400;
    }
    send(res, status, response);
    record({ ...base, status, response });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const api = /^\/api\/([\w.]+)$/.exec(path);
      const responseUrl = /^\/response\/([\w-]+)$/.exec(path);
      if (req.method !== 'POST') send(res, 405, { ok: false, error: 'method_not_allowed' });
      else if (api?.[1] !== undefined) handleApi(req, res, api[1], body);
      else if (responseUrl?.[1] !== undefined) handleResponseUrl(req, res, responseUrl[1], body);
      else send(res, 404, { ok: false, error: 'not_found' });
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fake_slack_crashed', detail: messageOf(error) });
    });
  });

  server.on('upgrade', (req, upgraded, head) => socket.handleUpgrade(req, upgraded, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/api/`,
    origin,
    workspace,
    socket,
    calls: (method) => recorded.filter((call) => method === undefined || call.method === method),
    responses: (responseId) =>
      recorded.filter((call) => call.method === 'response_url' && (responseId === undefined || call.responseId === responseId)),
    channelHistory: (channel) => workspace.channelHistory(channel),
    message: (channel, ts) => workspace.message(channel, ts),
    failNext: (method, fault = {}) => {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    mintResponseUrl: (bind = {}) => {
      responseCounter += 1;
      const id = `R${String(responseCounter).padStart(4, '0')}`;
      responseBindings.set(id, bind);
      return `${origin}/response/${id}`;
    },
    waitFor: (predicate, timeoutMs = 2000) => {
      const already = recorded.find(predicate);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise<FakeSlackCall>((resolve, reject) => {
        const onCall = (call: FakeSlackCall): void => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          events.off('call', onCall);
          resolve(call);
        };
        const timer = setTimeout(() => {
          events.off('call', onCall);
          const seen = recorded.map((call) => call.method).join(', ') || 'none';
          reject(new Error(`fake Slack: no matching call within ${timeoutMs} ms (calls so far: ${seen})`));
        }, timeoutMs);
        events.on('call', onCall);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        socket.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
};
