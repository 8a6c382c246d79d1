import type { Verdict } from '../../../domain/eligibility/verdict.ts';
import { changeTitle } from './change-title.ts';
import { cutLine } from './cut-text.ts';
import { escapeMrkdwn, mention } from './mrkdwn.ts';
import { TEXT_MAX, type SlackMessage } from './slack-message.ts';
import { verbatimSection } from './verbatim-blocks.ts';

export interface ApprovalRequestDmInput {
  readonly requestedBy: string;
  readonly verdict: Verdict;
  /** The request message's channel. */
  readonly channelId: string;
  /** `chat.getPermalink` of the request message; undefined when Slack gave none (the channel is named instead). */
  readonly permalink: string | undefined;
  readonly approvalTtlMinutes: number;
}

/** A permalink Slack gave: shown as a link only when it is a plain https URL (nothing that could break the `<url|label>` markup). */
const SAFE_URL = /^https:\/\/[^\s|<>]+$/;
const SLACK_ID = /^[A-Z0-9]{2,40}$/;

/** The direct message an approver gets (`notify: dm`): who asks for what on which cluster, and a link to the message with the buttons. */
export function approvalRequestDm(input: ApprovalRequestDmInput): SlackMessage {
  const request = input.verdict.request;
  const what = `${escapeMrkdwn(changeTitle(request))} → ${escapeMrkdwn(request.cluster)}`;
  const where = SLACK_ID.test(input.channelId) ? `<#${input.channelId}>` : 'the channel';
  const link = input.permalink !== undefined && SAFE_URL.test(input.permalink) ? `<${input.permalink}|Open the request in ${where}>` : `The request is in ${where}`;
  const line = `🙋 ${mention(input.requestedBy)} asks you to approve *${what}*`;
  return {
    text: cutLine(`${mention(input.requestedBy)} asks you to approve ${what}`, TEXT_MAX),
    blocks: [verbatimSection(`${line}\n${link}: Approve or Reject there, within ${input.approvalTtlMinutes} min.`)],
  };
}
