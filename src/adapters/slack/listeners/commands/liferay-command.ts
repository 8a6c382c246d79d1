import type { App } from '@slack/bolt';
import { z } from 'zod';
import { requestsOverview } from '../../../../app/requests/requests-overview.ts';
import { submitRequest } from '../../../../app/requests/submit-request.ts';
import { errorMessage } from '../../blocks/error-message.ts';
import { requestList } from '../../blocks/request-list.ts';
import { usageMessage } from '../../blocks/usage-message.ts';
import type { ListenerContext } from '../listener-context.ts';
import { postRequest } from '../request-messages.ts';
import { openRequestFormFromCommand } from '../views/open-request-form.ts';

/** The slash command fields the listener reads. */
export const LiferayCommandPayload = z.object({ text: z.string().optional().default(''), user_id: z.string().min(1), channel_id: z.string().min(1) });
export type LiferayCommandPayload = z.infer<typeof LiferayCommandPayload>;

/** Slack escapes `&`, `<`, `>` in command text; the parser must see what the user typed. */
const unescapeSlack = (text: string): string => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** `/liferay <text>`: acked at once, answered by what `submitRequest` decides (usage, an error, status, history, or a request to post). */
export function registerLiferayCommand(app: App, ctx: ListenerContext): void {
  app.command('/liferay', async ({ command, ack, respond }) => {
    const payload = LiferayCommandPayload.safeParse(command);
    if (!payload.success) {
      await ack({ response_type: 'ephemeral', ...errorMessage('This command came without a user or a channel: nothing was done') });
      return;
    }
    const text = unescapeSlack(payload.data.text);
    // No text: the request form (`/liferay help` still answers the usage).
    if (text.trim() === '') return openRequestFormFromCommand({ ack, triggerId: command.trigger_id, channelId: payload.data.channel_id }, ctx);
    const shown = text.trim().slice(0, 200);
    await ack({ response_type: 'ephemeral', text: shown === '' ? '⏳ Checking…' : `⏳ Checking \`${shown}\`…` });
    const outcome = await submitRequest({ text, userId: payload.data.user_id, channelId: payload.data.channel_id }, ctx.deps);
    switch (outcome.kind) {
      case 'help':
        await respond({ response_type: 'ephemeral', ...usageMessage() });
        return;
      case 'error':
        await respond({ response_type: 'ephemeral', ...errorMessage(outcome.message, { withUsage: outcome.withUsage }) });
        return;
      case 'status':
      case 'history': {
        const { cluster } = outcome.command;
        const overview = await requestsOverview(outcome.kind, cluster, ctx.deps);
        await respond({ response_type: 'ephemeral', ...requestList(outcome.kind, cluster, overview.requests, overview.looks) });
        return;
      }
      case 'request':
        await postRequest(outcome.record, ctx);
        return;
    }
  });
}
