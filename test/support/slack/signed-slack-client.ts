import { createHmac } from 'node:crypto';
import { blockActionsPayload, eventCallbackPayload, slashCommandFields, viewSubmissionPayload } from './slack-payload-builders.ts';
import type { BlockActionInput, EventCallbackInput, SlashCommandFields, ViewSubmissionInput } from './slack-payload-builders.ts';

/**
 * Sends requests to a running Bolt HTTP app exactly as Slack does: `POST {baseUrl}/slack/events`,
 * `Content-Type: application/x-www-form-urlencoded` (exactly; Bolt rejects `; charset=utf-8`), a
 * string body, `X-Slack-Request-Timestamp` and `X-Slack-Signature: v0=<hex HMAC-SHA256>`.
 */

export interface SignedSlackClientOptions {
  /** The app's origin, e.g. `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  readonly signingSecret: string;
  /** Default `/slack/events` (Bolt's default endpoint). */
  readonly path?: string;
  /** Clock in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

/** Ways to send a request Slack would never send. */
export interface SignOptions {
  /** Sign with a wrong secret. */
  readonly forge?: boolean;
  /** Timestamp 6 minutes old (Bolt accepts at most 5). */
  readonly stale?: boolean;
  /** No X-Slack-Signature / X-Slack-Request-Timestamp headers at all. */
  readonly unsigned?: boolean;
  /** Explicit X-Slack-Request-Timestamp in seconds. */
  readonly timestamp?: number;
}

export interface SlackHttpResponse {
  readonly status: number;
  /** Raw response body (Bolt answers `ack()` with an empty body, `ack(value)` with JSON). */
  readonly body: string;
}

export interface SignedSlackClient {
  slashCommand(fields?: Partial<SlashCommandFields>, options?: SignOptions): Promise<SlackHttpResponse>;
  blockAction(input?: BlockActionInput, options?: SignOptions): Promise<SlackHttpResponse>;
  viewSubmission(input?: ViewSubmissionInput, options?: SignOptions): Promise<SlackHttpResponse>;
  /** Any interactivity payload (a global shortcut, a view_closed, …) as Slack posts it: `payload=<JSON>`. */
  interactive(payload: Record<string, unknown>, options?: SignOptions): Promise<SlackHttpResponse>;
  /** An Events API `event_callback`, posted as JSON (`Content-Type: application/json`) the way Slack posts events. */
  event(input?: EventCallbackInput, options?: SignOptions): Promise<SlackHttpResponse>;
  /** Sends an already form-encoded body, signed as requested. */
  sendForm(body: string, options?: SignOptions): Promise<SlackHttpResponse>;
}

const STALE_SECONDS = 6 * 60;

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with the signing secret. */
export const slackSignature = (signingSecret: string, timestamp: number, body: string): string =>
  `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** Form body of an interactivity request: one field `payload` holding URL-encoded JSON. */
export const interactivityBody = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Form body of a slash command: flat fields; spaces become `+`, `/` becomes `%2F`. */
export const slashCommandBody = (fields: SlashCommandFields): string =>
  new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString();

export const signedSlackClient = (options: SignedSlackClientOptions): SignedSlackClient => {
  const url = `${options.baseUrl.replace(/\/$/, '')}${options.path ?? '/slack/events'}`;
  const now = options.now ?? Date.now;

  const send = async (contentType: string, body: string, sign: SignOptions = {}): Promise<SlackHttpResponse> => {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (sign.unsigned !== true) {
      const timestamp = sign.timestamp ?? Math.floor(now() / 1000) - (sign.stale === true ? STALE_SECONDS : 0);
      const secret = sign.forge === true ? `${options.signingSecret}-forged` : options.signingSecret;
      headers['X-Slack-Request-Timestamp'] = String(timestamp);
      headers['X-Slack-Signature'] = slackSignature(secret, timestamp, body);
    }
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  };
  const sendForm = (body: string, sign?: SignOptions): Promise<SlackHttpResponse> => send('application/x-www-form-urlencoded', body, sign);

  return {
    slashCommand: (fields, sign) => sendForm(slashCommandBody(slashCommandFields(fields)), sign),
    blockAction: (input, sign) => sendForm(interactivityBody(blockActionsPayload(input)), sign),
    viewSubmission: (input, sign) => sendForm(interactivityBody(viewSubmissionPayload(input)), sign),
    interactive: (payload, sign) => sendForm(interactivityBody(payload), sign),
    event: (input, sign) => send('application/json', JSON.stringify(eventCallbackPayload(input)), sign),
    sendForm,
  };
};
