import type { App } from '@slack/bolt';
import { rejectRequest } from '../../../../app/requests/decide-request.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import { RejectReason } from '../../../../domain/approval/reject-reason.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../blocks/action-ids.ts';
import { parseRejectModalMetadata } from '../../blocks/reject-modal.ts';
import type { ListenerContext } from '../listener-context.ts';
import { groupsFor, showDecided } from '../request-messages.ts';

/** The reject modal's reason: checked in the modal, then recorded and shown on the request's message. */
export function registerRejectModalSubmit(app: App, ctx: ListenerContext): void {
  app.view(ACTION_IDS.rejectReasonModal, async ({ ack, view, body }) => {
    const meta = parseRejectModalMetadata(view.private_metadata);
    const reason = RejectReason.safeParse(view.state.values[BLOCK_IDS.rejectReason]?.[ACTION_IDS.rejectReasonInput]?.value ?? '');
    if (!reason.success) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.rejectReason]: 'Say why, in 1 to 1000 characters' } });
      return;
    }
    await ack();
    if (!meta.ok) return;
    // The same modal submitted twice (a redelivery, a double click): rejected once.
    if (ctx.deliveries.check({ trigger: 'trigger_id' in body ? body.trigger_id : undefined, content: `view:${body.user.id}:${view.id}` }) !== 'new') return;
    const { requestId, channelId } = meta.value;
    const groupIds = await groupsFor(body.user.id, requestView(requestId, ctx.deps), ctx);
    const outcome = rejectRequest({ requestId, userId: body.user.id, groupIds, reason: reason.data }, ctx.deps);
    if (!outcome.ok) return ctx.talk.tell(channelId, body.user.id, outcome.message);
    await showDecided(outcome.record, { type: 'rejected', by: body.user.id, at: outcome.record.decidedAt ?? outcome.record.updatedAt, reason: reason.data }, ctx);
  });
}
