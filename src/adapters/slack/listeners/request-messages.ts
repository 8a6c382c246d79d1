import type { RequestView } from '../../../app/requests/request-view.ts';
import { recordRequestMessage } from '../../../app/requests/record-request-message.ts';
import { withdrawUnposted } from '../../../app/requests/withdraw-unposted.ts';
import type { RolloutRecord } from '../../../app/rollout-record.ts';
import { decidedMessage, type RequestOutcome } from '../blocks/decided-message.ts';
import { verdictMessage } from '../blocks/verdict-message.ts';
import { SlackApiError } from '../slack-api.ts';
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

/** Whether the request's message is in its channel; when Slack refused it, Slack's error (`not_in_channel`, ...): the request was withdrawn. */
export type RequestPost = { readonly ok: true } | { readonly ok: false; readonly channelId: string; readonly slackError: string };

/**
 * Posts a request's verdict message in its channel and records where it landed. A post Slack
 * refuses leaves no orphan: the request is withdrawn (nobody could see it to approve it).
 */
export async function postRequest(record: RolloutRecord, ctx: ListenerContext): Promise<RequestPost> {
  if (record.channelId === undefined) return { ok: true };
  let posted;
  try {
    posted = await ctx.talk.post(record.channelId, verdictMessage(messageInput(record, ttlOf(record, ctx))));
  } catch (error) {
    const slackError = error instanceof SlackApiError ? error.slackError : 'unknown_error';
    withdrawUnposted({ record, why: slackError }, ctx.deps);
    return { ok: false, channelId: record.channelId, slackError };
  }
  if (posted !== undefined) recordRequestMessage({ record, channelId: posted.channel, messageTs: posted.ts }, ctx.deps);
  return { ok: true };
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
