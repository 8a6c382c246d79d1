import { expectedDuration } from '../../../app/requests/expected-duration.ts';
import type { RequestView } from '../../../app/requests/request-view.ts';
import { recordRequestMessage } from '../../../app/requests/record-request-message.ts';
import { withdrawUnposted } from '../../../app/requests/withdraw-unposted.ts';
import type { RolloutRecord } from '../../../app/rollout-record.ts';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../../domain/approval/approval-policy.ts';
import { messageOf } from '../../../domain/message-of.ts';
import { approvalRequestDm } from '../blocks/approval-request-dm.ts';
import { decidedMessage, type RequestOutcome } from '../blocks/decided-message.ts';
import { approversAskedReply, asksApproval, verdictMessage, type VerdictMessageInput } from '../blocks/verdict-message.ts';
import { SlackApiError } from '../slack-api.ts';
import type { ListenerContext } from './listener-context.ts';

/**
 * The request's message input: its verdict and plan, the plan's expected duration (from the
 * cluster's past rollouts), and its cluster's approvers, approval time-to-live and production mark.
 * `names`: the approvers' display names for `notify: none` (shown instead of mentions); only asked
 * for when the message names approvers (before a decision).
 */
async function messageInput(record: RolloutRecord, ctx: Pick<ListenerContext, 'deps'> & Partial<Pick<ListenerContext, 'namesOf'>>): Promise<VerdictMessageInput> {
  const cluster = ctx.deps.clusters.get(record.cluster);
  const approval = cluster?.approval;
  const notify = cluster?.notify ?? 'mention';
  const names = notify === 'none' && approval !== undefined && ctx.namesOf !== undefined ? await ctx.namesOf(approval.approverUserIds) : undefined;
  return {
    requestId: record.id,
    requestedBy: record.requestedBy,
    verdict: record.verdict,
    plan: record.plan,
    planProblem: record.decisionNote,
    approvalTtlMinutes: approval?.approvalTtlMinutes,
    approvers: approval === undefined ? undefined : { userIds: approval.approverUserIds, groupIds: approval.approverGroupIds, notify, allowSelfApproval: approval.allowSelfApproval, names },
    production: cluster?.production ?? false,
    duration: record.plan === undefined ? undefined : expectedDuration(record.plan, ctx.deps),
  };
}

/** Whether the request's message is in its channel; when Slack refused it, Slack's error (`not_in_channel`, ...): the request was withdrawn. */
export type RequestPost = { readonly ok: true } | { readonly ok: false; readonly channelId: string; readonly slackError: string };

/** `notify: dm`: a direct message to each approver user (not the requester, unless they may approve their own), linking to the request's message. */
async function sendApprovalDms(record: RolloutRecord, input: VerdictMessageInput, where: { readonly channel: string; readonly ts: string }, ctx: ListenerContext): Promise<void> {
  const approvers = input.approvers;
  if (approvers === undefined) return;
  const users = approvers.userIds.filter((id) => approvers.allowSelfApproval || id !== record.requestedBy);
  if (users.length === 0) return;
  let permalink: string | undefined;
  try {
    permalink = (await ctx.client.chat.getPermalink({ channel: where.channel, message_ts: where.ts })).permalink;
  } catch (error) {
    ctx.deps.log.warn({ rolloutId: record.id, err: messageOf(error) }, 'no permalink for the approvers’ direct message');
  }
  const dm = approvalRequestDm({ requestedBy: record.requestedBy, verdict: record.verdict, channelId: where.channel, permalink, approvalTtlMinutes: input.approvalTtlMinutes ?? DEFAULT_APPROVAL_TTL_MINUTES });
  for (const user of users) {
    try {
      await ctx.talk.post(user, dm);
    } catch (error) {
      // One approver who cannot be reached must not keep the others from hearing of it.
      ctx.deps.log.warn({ rolloutId: record.id, user, err: messageOf(error) }, 'could not send an approver a direct message');
    }
  }
}

/**
 * Tells the approvers of a request that now waits for them, as the cluster's `notify` says. A new
 * message names them (mentions notify); an edited one notifies nobody, so the message's thread gets
 * a reply that mentions them. `dm`: the users get a direct message instead (groups are mentioned).
 */
async function askApprovers(record: RolloutRecord, input: VerdictMessageInput, where: { readonly channel: string; readonly ts: string }, edited: boolean, ctx: ListenerContext): Promise<void> {
  const notify = input.approvers?.notify;
  if (record.status !== 'awaiting-approval' || !asksApproval(input) || notify === undefined || notify === 'none') return;
  if (notify === 'dm') await sendApprovalDms(record, input, where, ctx);
  if (!edited) return;
  const reply = approversAskedReply(input, notify === 'dm');
  if (reply === undefined) return;
  try {
    await ctx.talk.post(where.channel, reply, where.ts);
  } catch (error) {
    ctx.deps.log.warn({ rolloutId: record.id, err: messageOf(error) }, 'could not ask the approvers in the thread');
  }
}

/**
 * Posts a request's verdict message in its channel, records where it landed, and asks its approvers.
 * A post Slack refuses leaves no orphan: the request is withdrawn (nobody could see it to approve it).
 */
export async function postRequest(record: RolloutRecord, ctx: ListenerContext): Promise<RequestPost> {
  if (record.channelId === undefined) return { ok: true };
  const input = await messageInput(record, ctx);
  let posted;
  try {
    posted = await ctx.talk.post(record.channelId, verdictMessage(input));
  } catch (error) {
    const slackError = error instanceof SlackApiError ? error.slackError : 'unknown_error';
    withdrawUnposted({ record, why: slackError }, ctx.deps);
    return { ok: false, channelId: record.channelId, slackError };
  }
  if (posted === undefined) return { ok: true };
  recordRequestMessage({ record, channelId: posted.channel, messageTs: posted.ts }, ctx.deps);
  await askApprovers(record, input, posted, false, ctx);
  return { ok: true };
}

/** Shows a request's message again as it stands now (after an answer); approvers are asked when it now waits for them. */
export async function showRequest(record: RolloutRecord, ctx: ListenerContext): Promise<void> {
  if (record.channelId === undefined || record.messageTs === undefined) return;
  const input = await messageInput(record, ctx);
  await ctx.talk.update(record.channelId, record.messageTs, verdictMessage(input));
  await askApprovers(record, input, { channel: record.channelId, ts: record.messageTs }, true, ctx);
}

/** Turns a request's message into its outcome (approved, rejected, superseded, expired): no buttons left. */
export async function showDecided(record: RolloutRecord, outcome: RequestOutcome, ctx: Pick<ListenerContext, 'talk' | 'deps'>): Promise<void> {
  if (record.channelId === undefined || record.messageTs === undefined) return;
  await ctx.talk.update(record.channelId, record.messageTs, decidedMessage(await messageInput(record, ctx), outcome));
}

/** The groups of `userId` that may approve for the viewed request's cluster. */
export const groupsFor = (userId: string, view: RequestView | undefined, ctx: ListenerContext): Promise<string[]> => ctx.groupsOf(userId, view?.approverGroupIds ?? []);
