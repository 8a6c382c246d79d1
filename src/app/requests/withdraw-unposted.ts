import type { RolloutRecord } from '../rollout-record.ts';
import { text } from '../../domain/text/rich-text.ts';
import type { ServiceDeps } from './service-deps.ts';

/** What withdrawing reads: the store, time and the log. */
export type WithdrawDeps = Pick<ServiceDeps, 'store' | 'clock' | 'log'>;

/**
 * A request whose message could not be posted (the bot is not in the channel, the channel is gone or
 * archived): nobody can see it, so nobody could approve it. It is closed (superseded, with why) and
 * audited, so no one finds an open request without a message. Undefined when it had moved on already.
 */
export function withdrawUnposted(input: { readonly record: RolloutRecord; readonly why: string }, deps: WithdrawDeps): RolloutRecord | undefined {
  const now = deps.clock.now().toISOString();
  const note = `withdrawn: its message could not be posted (${input.why})`;
  const closed = deps.store.update(input.record.id, ['awaiting-approval', 'awaiting-confirmation'], { status: 'superseded', decisionNote: note, updatedAt: now });
  if (closed === undefined) return undefined;
  deps.store.audit({ at: now, rolloutId: closed.id, actor: 'bot', action: 'withdrawn', detail: text`its message could not be posted in the channel (${input.why}): nobody could approve it` });
  deps.log.warn({ rolloutId: closed.id, channelId: closed.channelId, why: input.why }, 'request withdrawn: its message could not be posted');
  return closed;
}
