import type { RequestView } from '../../../app/requests/request-view.ts';
import { recordRequestMessage } from '../../../app/requests/record-request-message.ts';
import type { RolloutRecord } from '../../../app/rollout-record.ts';
import { decidedMessage, type RequestOutcome } from '../blocks/decided-message.ts';
import { verdictMessage } from '../blocks/verdict-message.ts';
import type { ListenerContext } from './listener-context.ts';

/** The request's message input: its verdict, plan and approval time-to-live. */
const messageInput = (record: RolloutRecord, ttl: number | undefined) => ({
  requestId: record.id,
  requestedBy: record.requestedBy,
  verdict: record.verdict,
  plan: record.plan,
  planProblem: record.decisionNote,
  approvalTtlMinutes: ttl,
});

const ttlOf = (record: RolloutRecord, ctx: ListenerContext): number | undefined => ctx.deps.clusters.get(record.cluster)?.approval.approvalTtlMinutes;

/** Posts a request's verdict message in its channel and records where it landed. */
export async function postRequest(record: RolloutRecord, ctx: ListenerContext): Promise<void> {
  if (record.channelId === undefined) return;
  const posted = await ctx.talk.post(record.channelId, verdictMessage(messageInput(record, ttlOf(record, ctx))));
  if (posted !== undefined) recordRequestMessage({ record, channelId: posted.channel, messageTs: posted.ts }, ctx.deps);
}

/** Shows a request's message again as it stands now (after an answer). */
export async function showRequest(record: RolloutRecord, ctx: ListenerContext): Promise<void> {
  if (record.channelId === undefined || record.messageTs === undefined) return;
  await ctx.talk.update(record.channelId, record.messageTs, verdictMessage(messageInput(record, ttlOf(record, ctx))));
}

/** Turns a request's message into its outcome (approved, rejected, superseded, expired): no buttons left. */
export async function showDecided(record: RolloutRecord, outcome: RequestOutcome, ctx: Pick<ListenerContext, 'talk' | 'deps'>): Promise<void> {
  if (record.channelId === undefined || record.messageTs === undefined) return;
  await ctx.talk.update(record.channelId, record.messageTs, decidedMessage(messageInput(record, ctx.deps.clusters.get(record.cluster)?.approval.approvalTtlMinutes), outcome));
}

/** The groups of `userId` that may approve for the viewed request's cluster. */
export const groupsFor = (userId: string, view: RequestView | undefined, ctx: ListenerContext): Promise<string[]> => ctx.groupsOf(userId, view?.approverGroupIds ?? []);
