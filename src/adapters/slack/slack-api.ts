import type { webApi } from '@slack/bolt';
import { CodedError } from '../../domain/coded-error.ts';
import { messageOf } from '../../domain/message-of.ts';
import type { Block } from './blocks/slack-message.ts';

/** The few Web API calls our Slack adapters make, so they can be driven by a real WebClient or a test double. */
export interface SlackApi {
  /** `chat.postMessage`; without `blocks` the message is text only. Resolves with the new message's ts. */
  postMessage(args: PostMessageArgs): Promise<{ readonly ts: string }>;
  /** `chat.update`; `blocks: []` removes the message's blocks (Slack keeps them when `blocks` is absent). */
  update(args: UpdateArgs): Promise<void>;
}

export interface PostMessageArgs {
  readonly channel: string;
  readonly text: string;
  readonly blocks?: readonly Block[];
  /** The parent message's ts: posts a thread reply. */
  readonly thread_ts?: string;
  /** With `thread_ts`: the reply is also shown in the channel. */
  readonly reply_broadcast?: boolean;
}

export interface UpdateArgs {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks?: readonly Block[];
}

export type SlackApiMethod = 'chat.postMessage' | 'chat.update';

/**
 * What a failed call means for whoever retries it:
 * `rate_limited` wait `retryAfterSeconds` and retry; `unavailable` (5xx, network, Slack's
 * `fatal_error` / `service_unavailable` / `internal_error`) retry with backoff; `rejected` will
 * fail again as it is (`channel_not_found`, `invalid_blocks`, `msg_too_long`, `invalid_auth`, ...).
 */
export type SlackApiErrorKind = 'rate_limited' | 'unavailable' | 'rejected';

/** A failed Web API call (code `slack_api_failed`). `slackError` is Slack's `error` (`channel_not_found`, `ratelimited`, ...) or `http_<status>` / `request_error`. */
export class SlackApiError extends CodedError {
  readonly method: SlackApiMethod;
  readonly slackError: string;
  readonly kind: SlackApiErrorKind;
  /** Seconds Slack asked to wait (429 Retry-After), when rate limited. */
  readonly retryAfterSeconds: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(
    method: SlackApiMethod,
    slackError: string,
    kind: SlackApiErrorKind,
    extra: { readonly retryAfterSeconds?: number | undefined; readonly httpStatus?: number | undefined; readonly cause?: unknown } = {},
  ) {
    super('slack_api_failed', `${method} failed: ${slackError}`, {
      method,
      slackError,
      kind,
      ...(extra.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: extra.retryAfterSeconds }),
      ...(extra.httpStatus === undefined ? {} : { httpStatus: extra.httpStatus }),
    });
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
    this.kind = kind;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.httpStatus = extra.httpStatus;
    if (extra.cause !== undefined) this.cause = extra.cause;
  }
}

/** Slack `error` codes that mean "Slack is having trouble": retry later. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['fatal_error', 'service_unavailable', 'internal_error', 'request_timeout', 'timeout']);
const RATE_LIMITED_CODES: ReadonlySet<string> = new Set(['ratelimited', 'rate_limited']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const kindOfCode = (code: string): SlackApiErrorKind => (RATE_LIMITED_CODES.has(code) ? 'rate_limited' : TRANSIENT_CODES.has(code) ? 'unavailable' : 'rejected');

/**
 * Turns what @slack/web-api (8.x) throws into a SlackApiError. Matched on the errors' `code`
 * (`ErrorCode` in web-api's errors.ts) rather than `instanceof`, so any copy of the library works:
 * - `slack_webapi_rate_limited_error` (a 429 with `rejectRateLimitedCalls: true`): `retryAfter` seconds;
 * - `slack_webapi_platform_error` (200 `{ok: false}`): `data.error`;
 * - `slack_webapi_http_error` (any other non-200): `statusCode`, `body.error` when the body is Slack JSON;
 * - `slack_webapi_request_error` (network, time-out): unavailable.
 * Anything else (e.g. a 429 whose Retry-After did not parse) is classified by its message.
 */
export function toSlackApiError(method: SlackApiMethod, error: unknown): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const e = isRecord(error) ? error : {};
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new SlackApiError(method, 'ratelimited', 'rate_limited', { retryAfterSeconds: num(e.retryAfter), httpStatus: 429, cause: error });
    case 'slack_webapi_platform_error': {
      const data = isRecord(e.data) ? e.data : {};
      const code = str(data.error) ?? 'unknown_error';
      const meta = isRecord(data.response_metadata) ? data.response_metadata : {};
      return new SlackApiError(method, code, kindOfCode(code), { retryAfterSeconds: num(meta.retryAfter), cause: error });
    }
    case 'slack_webapi_http_error': {
      const status = num(e.statusCode);
      const body = isRecord(e.body) ? e.body : {};
      const code = str(body.error) ?? `http_${status ?? 'error'}`;
      if (status === 429) return new SlackApiError(method, code, 'rate_limited', { httpStatus: status, cause: error });
      const kind: SlackApiErrorKind = status === undefined || status >= 500 || status === 408 ? 'unavailable' : kindOfCode(code);
      return new SlackApiError(method, code, kind, { httpStatus: status, cause: error });
    }
    case 'slack_webapi_request_error':
      return new SlackApiError(method, 'request_error', 'unavailable', { cause: error });
    default: {
      const message = messageOf(error);
      if (/rate limit|retry header/i.test(message)) return new SlackApiError(method, 'ratelimited', 'rate_limited', { cause: error });
      return new SlackApiError(method, 'unknown_error', 'unavailable', { cause: error });
    }
  }
}

/**
 * The SlackApi over a real WebClient (Bolt's `app.client`). Give the client `retryConfig: { retries: 0 }`
 * and `rejectRateLimitedCalls: true` when the caller does its own retrying (the progress notifier
 * does): otherwise web-api retries for about 30 minutes and pauses its whole queue on a 429.
 */
export function webClientSlackApi(client: webApi.WebClient): SlackApi {
  return {
    async postMessage({ channel, text, blocks, thread_ts, reply_broadcast }) {
      let result: webApi.ChatPostMessageResponse;
      try {
        const content = { channel, text, ...(blocks === undefined ? {} : { blocks: [...blocks] }) };
        result = await client.chat.postMessage(
          thread_ts === undefined ? content : reply_broadcast === true ? { ...content, thread_ts, reply_broadcast } : { ...content, thread_ts },
        );
      } catch (error) {
        throw toSlackApiError('chat.postMessage', error);
      }
      if (result.ts === undefined) throw new SlackApiError('chat.postMessage', 'missing_ts', 'rejected');
      return { ts: result.ts };
    },
    async update({ channel, ts, text, blocks }) {
      try {
        await client.chat.update({ channel, ts, text, ...(blocks === undefined ? {} : { blocks: [...blocks] }) });
      } catch (error) {
        throw toSlackApiError('chat.update', error);
      }
    },
  };
}

/** How long a failed call asks its channel to wait: a rate limit's Retry-After (1 s when absent), nothing otherwise. */
export function rateLimitHoldMs(error: unknown): number | undefined {
  const coded = toSlackApiError('chat.postMessage', error);
  return coded.kind === 'rate_limited' ? (coded.retryAfterSeconds ?? 1) * 1000 : undefined;
}
