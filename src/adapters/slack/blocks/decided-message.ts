import { shownRequestText } from '../../../domain/liferay/shown-request-text.ts';
import type { Strategy } from '../../../domain/plan/rollout-plan.ts';
import { cutLine } from './cut-text.ts';
import type { RichText } from '../../../domain/text/rich-text.ts';
import { slackLine } from '../render-text.ts';
import { code, escapeMrkdwn, mention } from './mrkdwn.ts';
import { slackTime } from './slack-time.ts';
import { TEXT_MAX, type SlackMessage } from './slack-message.ts';
import { verbatimContext } from './verbatim-blocks.ts';
import { verdictBlocks, verdictSummary, type VerdictMessageInput } from './verdict-message.ts';

/** What became of a posted request. Times are ISO strings. */
export type RequestOutcome =
  | { readonly type: 'approved'; readonly by: string; readonly at: string; readonly strategy: Strategy }
  | { readonly type: 'rejected'; readonly by: string; readonly at: string; readonly reason: string }
  | { readonly type: 'cancelled'; readonly by: string; readonly at: string }
  | { readonly type: 'expired'; readonly at: string; readonly ttlMinutes: number }
  /** `why`: what changed on the nodes since the verdict (one line). */
  | { readonly type: 'superseded'; readonly at: string; readonly why?: RichText };

const REASON_MAX = 1500;

/** The context line that replaces the buttons: `Approved by <@U2> at <!date^…|10:42 UTC>`, `Rejected by <@U2>: reason`, … (each reader sees the time in their own zone). */
export function outcomeLine(outcome: RequestOutcome, requestText: string): string {
  switch (outcome.type) {
    case 'approved':
      return outcome.strategy === 'full-shutdown'
        ? `✅ FULL SHUTDOWN approved by ${mention(outcome.by)} at ${slackTime(outcome.at, 'time')}: all nodes go down now`
        : `✅ Approved by ${mention(outcome.by)} at ${slackTime(outcome.at, 'time')}: the rollout starts`;
    case 'rejected': {
      const reason = outcome.reason.trim().replace(/\s*\n\s*/g, ' ');
      return `🚫 Rejected by ${mention(outcome.by)}: ${reason === '' ? 'no reason given' : cutLine(escapeMrkdwn(reason), REASON_MAX)} (${slackTime(outcome.at, 'time')})`;
    }
    case 'cancelled':
      return `🚫 Cancelled by ${mention(outcome.by)} at ${slackTime(outcome.at, 'time')}`;
    case 'expired':
      return `⌛ Expired at ${slackTime(outcome.at, 'time')}: no approval within ${outcome.ttlMinutes} min; ask again with ${code(`/liferay ${requestText}`)}`;
    case 'superseded':
      return `↪️ Superseded at ${slackTime(outcome.at, 'time')}: ${outcome.why === undefined ? '' : `${slackLine(outcome.why, REASON_MAX)}; `}the request was re-evaluated, see the newer message`;
  }
}

/** The request's message after a decision: the same content (Show plan still opens the plan), no decision buttons and no approvers asked, and who decided what. */
export function decidedMessage(input: VerdictMessageInput, outcome: RequestOutcome): SlackMessage {
  const line = outcomeLine(outcome, shownRequestText(input.verdict.request));
  return {
    text: cutLine(`${verdictSummary(input)} · ${line}`, TEXT_MAX),
    // A rejection reason is user text.
    blocks: [...verdictBlocks(input, false), verbatimContext(line)],
  };
}
