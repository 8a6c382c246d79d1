import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';

/** The part of a block action's `container` (typed `Record<string, any>` by Bolt) that names the channel. */
const MessageContainer = z.object({ channel_id: z.string() });

/** The channel a button was clicked in: the payload's channel, else the message container's. */
export function channelOf(body: Pick<BlockAction, 'channel' | 'container'>): string | undefined {
  if (body.channel !== undefined) return body.channel.id;
  const container = MessageContainer.safeParse(body.container);
  return container.success ? container.data.channel_id : undefined;
}
