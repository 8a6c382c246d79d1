import type { SocketModeServer } from './socket-mode-server.ts';
import type { SignedSlackClient, SlackHttpResponse } from './signed-slack-client.ts';
import { blockActionsPayload, eventCallbackPayload, slashCommandFields, viewSubmissionPayload } from './slack-payload-builders.ts';
import type { BlockActionInput, EventCallbackInput, SlashCommandFields, ViewSubmissionInput } from './slack-payload-builders.ts';

/** How Slack reaches the app: signed HTTP requests to its URL, or envelopes on the Socket Mode connection it opened. */
export type SlackMode = 'http' | 'socket';
export const SLACK_MODES: readonly SlackMode[] = ['http', 'socket'];

/**
 * What a person does in Slack, delivered to the app the way the mode delivers it. Each call
 * resolves with what Slack got back: the HTTP status and body, or (Socket Mode) 200 and the ack's
 * payload as the body (empty for a bare `ack()`, as over HTTP).
 */
export interface SlackDelivery {
  readonly mode: SlackMode;
  slashCommand(fields?: Partial<SlashCommandFields>): Promise<SlackHttpResponse>;
  blockAction(input?: BlockActionInput): Promise<SlackHttpResponse>;
  viewSubmission(input?: ViewSubmissionInput): Promise<SlackHttpResponse>;
  /** Any other interactivity payload (a global shortcut, a `view_closed`, …). */
  interactive(payload: Record<string, unknown>): Promise<SlackHttpResponse>;
  event(input?: EventCallbackInput): Promise<SlackHttpResponse>;
}

/** Signed HTTP requests to the app's `/slack/events`. */
export const httpDelivery = (client: SignedSlackClient): SlackDelivery => ({
  mode: 'http',
  slashCommand: (fields) => client.slashCommand(fields),
  blockAction: (input) => client.blockAction(input),
  viewSubmission: (input) => client.viewSubmission(input),
  interactive: (payload) => client.interactive(payload),
  event: (input) => client.event(input),
});

export interface SocketModeDeliveryOptions {
  /**
   * Awaited after each ack. Over HTTP a test app can hold its response until its listener is done
   * (`processBeforeResponse`); Socket Mode has no such switch (the ack goes out when the listener
   * calls `ack()`), so a test that reads what the listener did waits for it here
   * (see track-bolt-processing.ts).
   */
  readonly afterAck?: () => Promise<void>;
}

/** Envelopes on the app's Socket Mode connection, each resolved by its ack. */
export const socketModeDelivery = (socket: SocketModeServer, options: SocketModeDeliveryOptions = {}): SlackDelivery => {
  const send = async (type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<SlackHttpResponse> => {
    const ack = await socket.deliver(type, payload, { acceptsResponsePayload: type !== 'events_api' && payload['type'] !== 'block_actions' });
    await options.afterAck?.();
    const body = ack.payload === undefined || Object.keys(ack.payload).length === 0 ? '' : JSON.stringify(ack.payload);
    return { status: 200, body };
  };
  return {
    mode: 'socket',
    slashCommand: (fields) => send('slash_commands', { ...slashCommandFields(fields) }),
    blockAction: (input) => send('interactive', { ...blockActionsPayload(input) }),
    viewSubmission: (input) => send('interactive', { ...viewSubmissionPayload(input) }),
    interactive: (payload) => send('interactive', payload),
    event: (input) => send('events_api', { ...eventCallbackPayload(input) }),
  };
};
