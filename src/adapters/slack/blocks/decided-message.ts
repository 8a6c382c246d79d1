import { utcClockTime } from '../../../domain/approval/utc-clock-time.ts';
import { describeRequest } from '../../../domain/request/describe-request.ts';
import type { Strategy } from '../../../domain/plan/rollout-plan.ts';
import { context } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { code, escapeMrkdwn, mention } from './mrkdwn.ts';
import { TEXT_MAX, type SlackMessage } from './slack-message.ts';
import { verdictBlocks, verdictSummary, type VerdictMessageInput } from './verdict-message.ts';

/** What became of a posted request. Times are ISO strings. */
export type RequestOutcome =
  | { readonly type: 'approved'; readonly by: string; readonly at: string; readonly strategy: Strategy }
  | { readonly type: 'rejected'; readonly by: string; readonly at: string; readonly reason: string }
  | { readonly type: 'cancelled'; readonly by: string; readonly at: string }
  | { readonly type: 'expired'; readonly at: string; readonly ttlMinutes: number }
  | { readonly type: 'superseded'; readonly at: string };

const REASON_MAX = 1500;

/** The context line that replaces the buttons: `Approved by <@U2> at 10:42 UTC`, `Rejected by <@U2>: reason`, … */
export function outcomeLine(outcome: RequestOutcome, requestText: string): string {
  switch (outcome.type) {
    case 'approved':
      return outcome.strategy === 'full-shutdown'
        ? `✅ FULL SHUTDOWN approved by ${mention(outcome.by)} at ${utcClockTime(outcome.at)} UTC: all nodes go down now`
        : `✅ Approved by ${mention(outcome.by)} at ${utcClockTime(outcome.at)} UTC: the rollout starts`;
    case 'rejected': {
      const reason = outcome.reason.trim().replace(/\s*\n\s*/g, ' ');
      return `🚫 Rejected by ${mention(outcome.by)}: ${reason === '' ? 'no reason given' : cutLine(escapeMrkdwn(reason), REASON_MAX)} (${utcClockTime(outcome.at)} UTC)`;
    }
    case 'cancelled':
      return `🚫 Cancelled by ${mention(outcome.by)} at ${utcClockTime(outcome.at)} UTC`;
    case 'expired':
      return `⌛ Expired at ${utcClockTime(outcome.at)} UTC: no approval within ${outcome.ttlMinutes} min; ask again with ${code(`/liferay ${requestText}`)}`;
    case 'superseded':
      return `↪️ Superseded at ${utcClockTime(outcome.at)} UTC: the request was re-evaluated, see the newer message`;
  }
}

/** The request's message after a decision: the same content, no buttons left, and who decided what. */
export function decidedMessage(input: VerdictMessageInput, outcome: RequestOutcome): SlackMessage {
  const line = outcomeLine(outcome, describeRequest(input.verdict.request));
  return {
    text: cutLine(`${verdictSummary(input)} · ${line}`, TEXT_MAX),
    blocks: [...verdictBlocks(input, false), context(line)],
  };
}
