import { createHash } from 'node:crypto';
import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { Delivery } from '../../delivery-dedupe.ts';
import { ALREADY_RECEIVED, type ListenerContext } from '../listener-context.ts';
import { channelOf } from './channel-of.ts';

/** The clicked message as the click saw it: a click on the message after it changed is a new click, not a repeat. */
function messageSeen(body: BlockAction): string {
  const shown = body.message === undefined ? '' : JSON.stringify([body.message['ts'], body.message['text'], body.message['blocks']]);
  return createHash('sha256').update(`${JSON.stringify(body.container)}\n${shown}`).digest('hex').slice(0, 24);
}

/** The click as the dedupe knows it: who, which button and value, on the message as it then stood. */
export const clickDelivery = (body: BlockAction, action: ButtonAction): Delivery => ({
  trigger: body.trigger_id,
  content: `action:${body.user.id}:${action.action_id}:${action.value ?? ''}:${messageSeen(body)}`,
});

/**
 * True when this click was delivered already (same `trigger_id`, or the same user on the same
 * button of the same message, as it then stood, within a few seconds): the first repeat is told so
 * once, and nothing is done. Call it after `ack()`.
 */
export async function repeatedClick(body: BlockAction, action: ButtonAction, ctx: ListenerContext): Promise<boolean> {
  const verdict = ctx.deliveries.check(clickDelivery(body, action));
  if (verdict === 'new') return false;
  if (verdict === 'repeat') await ctx.talk.tell(channelOf(body), body.user.id, ALREADY_RECEIVED);
  return true;
}
