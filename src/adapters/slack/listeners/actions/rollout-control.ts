import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { controlRollout } from '../../../../app/requests/control-rollout.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import type { RolloutControl } from '../../../../domain/approval/can-control.ts';
import { CONTROL_ACTION_IDS } from '../../blocks/action-ids.ts';
import { channelOf } from './channel-of.ts';
import { clickDelivery, repeatedClick } from './repeated-click.ts';
import { NOT_OURS, type ListenerContext } from '../listener-context.ts';
import { groupsFor } from '../request-messages.ts';

/** A control button's value: the rollout id. */
const RolloutIdValue = z.string().min(1);

/** Pause, Abort, Resume, Retry node, Roll back, Leave as is: on the status board, approvers only. */
export function registerRolloutControl(app: App, ctx: ListenerContext): void {
  for (const [control, actionId] of Object.entries(CONTROL_ACTION_IDS) as [RolloutControl, string][]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      if (await repeatedClick(body, action, ctx)) return;
      const rolloutId = RolloutIdValue.safeParse(action.value);
      const view = rolloutId.success ? requestView(rolloutId.data, ctx.deps) : undefined;
      // From App Home there is no channel: the answer goes to the rollout's own channel.
      const channel = channelOf(body) ?? view?.record.channelId;
      if (view === undefined) return ctx.talk.tell(channel, body.user.id, NOT_OURS);
      const outcome = controlRollout({ rolloutId: view.record.id, control, userId: body.user.id, groupIds: await groupsFor(body.user.id, view, ctx) }, ctx.deps);
      await ctx.talk.tell(channel, body.user.id, outcome.message);
      // Once the control has done its work, the same button again is a new click: the rollout's state answers it.
      const settled = (): void => ctx.deliveries.settle(clickDelivery(body, action));
      if (outcome.ok) ctx.background((outcome.run ?? Promise.resolve()).finally(settled), view.record.id);
      else settled();
    });
  }
}
