import type { AckFn, RespondArguments } from '@slack/bolt';
import { formClusters, type FormOrigin } from '../../../../app/requests/request-form-options.ts';
import { channel, text } from '../../../../domain/text/rich-text.ts';
import { errorMessage } from '../../blocks/error-message.ts';
import { requestForm, requestFormOutcome } from '../../blocks/request-form.ts';
import type { ListenerContext } from '../listener-context.ts';

/** Opens the request form for whoever typed `/liferay` with no text or used the shortcut (`trigger_id` lives about 3 s and works once). */
export async function openRequestForm(triggerId: string, origin: FormOrigin, ctx: ListenerContext): Promise<void> {
  const clusters = formClusters(origin, ctx.deps);
  const view = clusters.length > 0
    ? requestForm({ origin, clusters })
    : requestFormOutcome('Maintenance request', ['⚠️ No cluster takes requests in any channel yet: name its channels in the inventory.']);
  await ctx.client.views.open({ trigger_id: triggerId, view });
}

/** `/liferay` with no text: the form, or one line saying the channel takes no requests. */
export async function openRequestFormFromCommand(
  input: { readonly ack: AckFn<string | RespondArguments>; readonly triggerId: string; readonly channelId: string },
  ctx: ListenerContext,
): Promise<void> {
  const origin: FormOrigin = { from: 'channel', channelId: input.channelId };
  if (formClusters(origin, ctx.deps).length === 0) {
    await input.ack({ response_type: 'ephemeral', ...errorMessage(text`No cluster takes requests in ${channel(input.channelId)}: ask in a cluster's channel, or type /liferay help`) });
    return;
  }
  await input.ack();
  await openRequestForm(input.triggerId, origin, ctx);
}
