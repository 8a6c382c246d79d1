import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { mayReject } from '../../../../app/requests/decide-request.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import { decodeDecisionValue } from '../../blocks/button-values.ts';
import { rejectModal } from '../../blocks/reject-modal.ts';
import { channelOf } from './channel-of.ts';
import { repeatedClick } from './repeated-click.ts';
import { NOT_OURS, type ListenerContext } from '../listener-context.ts';
import { groupsFor } from '../request-messages.ts';

/** Reject (approvers) or cancel (the requester): opens the modal that asks why. */
export function registerReject(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.reject, async ({ ack, body, action }) => {
    await ack();
    if (await repeatedClick(body, action, ctx)) return;
    const value = decodeDecisionValue(action.value);
    const channel = channelOf(body);
    if (value === undefined) return ctx.talk.tell(channel, body.user.id, NOT_OURS);
    const groupIds = await groupsFor(body.user.id, requestView(value.requestId, ctx.deps), ctx);
    const allowed = mayReject({ requestId: value.requestId, userId: body.user.id, groupIds }, ctx.deps);
    if (!allowed.ok) return ctx.talk.tell(channel, body.user.id, allowed.message);
    const { record: r } = allowed;
    if (r.channelId === undefined || r.messageTs === undefined) return ctx.talk.tell(channel, body.user.id, 'This request has no message to update');
    await ctx.client.views.open({ trigger_id: body.trigger_id, view: rejectModal({ requestId: r.id, channelId: r.channelId, messageTs: r.messageTs, requestText: r.requestText, requestedBy: r.requestedBy }) });
  });
}
