import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { approveRequest } from '../../../../app/requests/decide-request.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import { startRollout } from '../../../../app/requests/start-rollout.ts';
import { text } from '../../../../domain/text/rich-text.ts';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import { decodeDecisionValue } from '../../blocks/button-values.ts';
import { postFailureLine } from '../../blocks/post-failure-message.ts';
import { channelOf } from './channel-of.ts';
import { repeatedClick } from './repeated-click.ts';
import { NOT_OURS, type ListenerContext } from '../listener-context.ts';
import { groupsFor, postRequest, showDecided } from '../request-messages.ts';

/** Approve and Approve FULL SHUTDOWN: the policy decides; approved, the rollout starts in the background. */
export function registerApprove(app: App, ctx: ListenerContext): void {
  const onDecision = async ({ ack, body, action }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction }): Promise<void> => {
    await ack();
    if (await repeatedClick(body, action, ctx)) return;
    const value = decodeDecisionValue(action.value);
    const channel = channelOf(body);
    if (value === undefined) return ctx.talk.tell(channel, body.user.id, NOT_OURS);
    const groupIds = await groupsFor(body.user.id, requestView(value.requestId, ctx.deps), ctx);
    const outcome = await approveRequest({ requestId: value.requestId, userId: body.user.id, groupIds, shownPlanHash: value.planHash, strategy: value.strategy }, ctx.deps);
    switch (outcome.kind) {
      case 'denied':
        return ctx.talk.tell(channel, body.user.id, outcome.message);
      case 'superseded': {
        await showDecided(outcome.old, { type: 'superseded', at: outcome.old.updatedAt, why: outcome.why }, ctx);
        await ctx.talk.tell(channel, body.user.id, text`Not approved: ${outcome.why}; the request was evaluated again, see the new message`);
        const posted = await postRequest(outcome.fresh, ctx);
        if (!posted.ok) await ctx.talk.tell(channel, body.user.id, postFailureLine(posted.channelId, posted.slackError));
        return;
      }
      case 'approved': {
        const approved = outcome.record;
        await showDecided(approved, { type: 'approved', by: body.user.id, at: approved.decidedAt ?? approved.updatedAt, strategy: approved.plan?.strategy ?? 'rolling' }, ctx);
        ctx.background(startRollout(approved, ctx.deps), approved.id);
        return;
      }
    }
  };
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approve, onDecision);
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approveFullShutdown, onDecision);
}
