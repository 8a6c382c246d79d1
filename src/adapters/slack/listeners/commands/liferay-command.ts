import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { requestsOverview } from '../../../../app/requests/requests-overview.ts';
import { submitRequest, type SubmitOutcome } from '../../../../app/requests/submit-request.ts';
import { errorMessage } from '../../blocks/error-message.ts';
import { postFailureMessage } from '../../blocks/post-failure-message.ts';
import { requestList } from '../../blocks/request-list.ts';
import type { SlackMessage } from '../../blocks/slack-message.ts';
import { usageMessage } from '../../blocks/usage-message.ts';
import { ALREADY_RECEIVED, type ListenerContext } from '../listener-context.ts';
import { postRequest } from '../request-messages.ts';
import { openRequestFormFromCommand } from '../views/open-request-form.ts';

/** The slash command fields the listener reads. */
export const LiferayCommandPayload = z.object({
  text: z.string().optional().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().optional(),
});
export type LiferayCommandPayload = z.infer<typeof LiferayCommandPayload>;

/** Slack escapes `&`, `<`, `>` in command text; the parser must see what the user typed. */
const unescapeSlack = (text: string): string => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The ack: neutral (it quotes nothing the user typed), replaced by the outcome. */
export const CHECKING = '⏳ Checking your request…';

/** The outcome in place of the ack: an ephemeral that replaces it (through the command's `response_url`). */
const replaceAck = (respond: RespondFn, message: SlackMessage): Promise<unknown> => respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });

/**
 * `/liferay <text>`: acked at once with "Checking…", which the outcome replaces (usage, an error,
 * status, history), or which goes away once the request's message is in the channel. A repeated
 * delivery (same `trigger_id`, or the same text from the same person in the same channel within a
 * few seconds) is told once that it was already received, and does nothing.
 */
export function registerLiferayCommand(app: App, ctx: ListenerContext): void {
  app.command('/liferay', async ({ command, ack, respond }) => {
    const payload = LiferayCommandPayload.safeParse(command);
    if (!payload.success) {
      await ack({ response_type: 'ephemeral', ...errorMessage('This command came without a user or a channel: nothing was done') });
      return;
    }
    const { user_id: userId, channel_id: channelId } = payload.data;
    const text = unescapeSlack(payload.data.text);
    // Opening the form twice changes nothing, so only its trigger_id tells a redelivery; a request's text is a repeat for a few seconds.
    const content = text.trim() === '' ? `form:${payload.data.trigger_id ?? ''}` : `command:${userId}:${channelId}:${text.trim()}`;
    const delivery = ctx.deliveries.check({ trigger: payload.data.trigger_id, content });
    if (delivery !== 'new') {
      await (delivery === 'repeat' ? ack({ response_type: 'ephemeral', ...errorMessage(ALREADY_RECEIVED) }) : ack());
      return;
    }
    // No text: the request form (`/liferay help` still answers the usage; without a trigger_id no form can open, so the usage too).
    const triggerId = payload.data.trigger_id;
    if (text.trim() === '' && triggerId !== undefined) return openRequestFormFromCommand({ ack, triggerId, channelId }, ctx);
    await ack({ response_type: 'ephemeral', text: CHECKING });
    let outcome: SubmitOutcome;
    try {
      outcome = await submitRequest({ text, userId, channelId }, ctx.deps);
    } catch (error) {
      ctx.deps.log.error({ err: error, userId, channelId }, 'request could not be checked');
      await replaceAck(respond, errorMessage('Something went wrong on my side while checking this request (it is logged): nothing was requested'));
      return;
    }
    switch (outcome.kind) {
      case 'help':
        await replaceAck(respond, usageMessage());
        return;
      case 'error':
        await replaceAck(respond, errorMessage(outcome.message, { withUsage: outcome.withUsage }));
        return;
      case 'status':
      case 'history': {
        const { cluster } = outcome.command;
        const overview = await requestsOverview(outcome.kind, cluster, ctx.deps);
        await replaceAck(respond, requestList(outcome.kind, cluster, overview.requests, overview.looks));
        return;
      }
      case 'request': {
        const posted = await postRequest(outcome.record, ctx);
        if (posted.ok) await respond({ delete_original: true });
        else await replaceAck(respond, postFailureMessage(posted.channelId, posted.slackError));
        return;
      }
    }
  });
}
