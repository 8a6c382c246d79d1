import type { RolloutRecord } from '../rollout-record.ts';
import type { ServiceDeps } from './service-deps.ts';

/** What recording the message reads: the store. */
export type RecordMessageDeps = Pick<ServiceDeps, 'store'>;

/** Where the request's message was posted, so its buttons, board and thread can find it; undefined when the request moved on meanwhile. */
export function recordRequestMessage(
  input: { readonly record: RolloutRecord; readonly channelId: string; readonly messageTs: string },
  deps: RecordMessageDeps,
): RolloutRecord | undefined {
  return deps.store.update(input.record.id, [input.record.status], { messageTs: input.messageTs, channelId: input.channelId });
}
