import type { App } from '@slack/bolt';
import { formClusters } from '../../../../app/requests/request-form-options.ts';
import { submitRequest } from '../../../../app/requests/submit-request.ts';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import { code, escapeMrkdwn } from '../../blocks/mrkdwn.ts';
import { messageOf } from '../../../../domain/message-of.ts';
import { originOf, parseRequestFormMetadata, requestFormOutcome } from '../../blocks/request-form.ts';
import { readRequestForm } from '../../blocks/request-form-values.ts';
import { postFailureLine } from '../../blocks/post-failure-message.ts';
import { slackText, SLASH_COMMAND } from '../../render-text.ts';
import { channel } from '../../../../domain/text/rich-text.ts';
import type { ListenerContext } from '../listener-context.ts';
import { postRequest } from '../request-messages.ts';

/**
 * The request form submitted: checked as typed text is (field errors in the form), then the very
 * path of `/liferay <text>`: `submitRequest`, then the verdict message posted in the channel.
 */
export function registerRequestFormSubmit(app: App, ctx: ListenerContext): void {
  app.view(ACTION_IDS.requestForm, async ({ ack, view, body }) => {
    const meta = parseRequestFormMetadata(view.private_metadata);
    if (!meta.ok) {
      await ack({ response_action: 'update', view: requestFormOutcome('Maintenance request', ['⚠️ This form is not one this bot can read: open it again with /liferay']) });
      return;
    }
    const submitted = readRequestForm(view.state.values, meta.value, formClusters(originOf(meta.value), ctx.deps));
    if (!submitted.ok) {
      await ack({ response_action: 'errors', errors: { ...submitted.error } });
      return;
    }
    const { text, cluster } = submitted.value;
    const where = slackText([channel(cluster.channelId)]);
    const typed = code(`${SLASH_COMMAND} ${text}`, 2800);
    await ack({ response_action: 'update', view: requestFormOutcome('Checking…', [`⏳ Checking ${typed}`, `The verdict is posted in ${where}. Next time you can type it.`]) });
    const outcome = await submitRequest({ text, userId: body.user.id, channelId: cluster.channelId }, ctx.deps);
    const shown = async (title: string, lines: readonly string[]): Promise<void> => {
      await ctx.client.views.update({ view_id: view.id, view: requestFormOutcome(title, lines) }).catch((error: unknown) => ctx.deps.log.warn({ err: error }, 'could not show the request form outcome'));
    };
    switch (outcome.kind) {
      case 'request': {
        let posted;
        try {
          posted = await postRequest(outcome.record, ctx);
        } catch (error) {
          ctx.deps.log.warn({ rolloutId: outcome.record.id, channel: cluster.channelId, err: error }, 'could not post the request from the form');
          await shown('Not posted', [`⚠️ The request could not be posted in ${where} (${escapeMrkdwn(messageOf(error))})`, `The request was: ${typed}`]);
          return;
        }
        if (!posted.ok) {
          await shown('Not posted', [`⚠️ ${slackText(postFailureLine(posted.channelId, posted.slackError))}`, `The request was: ${typed}`]);
          return;
        }
        await shown('Request posted', [`✅ Posted in ${where}: ${typed}`, 'Approvers decide there; the rollout reports in its thread.']);
        return;
      }
      case 'error':
        await shown('Not posted', [`⚠️ ${slackText(outcome.message)}`, `Nothing was posted or stored. The request was: ${typed}`]);
        return;
      case 'help':
      case 'status':
      case 'history':
        // The form always describes a change; help, status and history come only from typed text.
        await shown('Not posted', [`⚠️ ${typed} is not a change request`]);
        return;
    }
  });
}
