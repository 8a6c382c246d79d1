import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { expectedDuration } from '../../../../app/requests/expected-duration.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import { decodeDecisionValue } from '../../blocks/button-values.ts';
import { planModal } from '../../blocks/plan-modal.ts';
import { channelOf } from './channel-of.ts';
import { NOT_OURS, type ListenerContext } from '../listener-context.ts';

/**
 * Show plan: the request's whole plan in a modal, for whoever clicked (it is no secret in the
 * channel). A modal needs the click's `trigger_id`, which lives about 3 seconds: nothing slow
 * comes between the ack and `views.open`.
 */
export function registerShowPlan(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.showPlan, async ({ ack, body, action }) => {
    await ack();
    const value = decodeDecisionValue(action.value);
    const channel = channelOf(body);
    if (value === undefined) return ctx.talk.tell(channel, body.user.id, NOT_OURS);
    const record = requestView(value.requestId, ctx.deps)?.record;
    if (record === undefined) return ctx.talk.tell(channel, body.user.id, 'This request is no longer known to the bot');
    const { plan } = record;
    if (plan === undefined) return ctx.talk.tell(channel, body.user.id, 'This request has no plan to show: the message says why');
    await ctx.client.views.open({ trigger_id: body.trigger_id, view: planModal({ requestId: record.id, requestText: record.requestText, plan, duration: expectedDuration(plan, ctx.deps) }) });
  });
}
