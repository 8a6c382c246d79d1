import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { shownRequestText } from '../../../domain/liferay/shown-request-text.ts';
import type { RolloutState } from '../../../domain/rollout/rollout-state.ts';
import { context, packLines, section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { elapsedMs } from './format-duration.ts';
import { code, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { orderedNodes } from './rollout-standing.ts';
import { TEXT_MAX, type Block, type SlackMessage } from './slack-message.ts';
import { stoppedBlocks } from './status-board.ts';
import { slackTime } from './slack-time.ts';
import { durationText } from './step-reply.ts';
import type { RichText } from '../../../domain/text/rich-text.ts';
import { slackLine } from '../render-text.ts';

export interface FinalSummaryInput {
  readonly plan: RolloutPlan;
  readonly state: RolloutState;
  /** Slack user ids. */
  readonly requestedBy: string;
  readonly approvedBy?: string | undefined;
  /** Overrides the generated "way back" advice when the rollout stopped. */
  readonly wayBack?: RichText | undefined;
}

const MAX_NODE_BLOCKS = 3;

function totalMs(plan: RolloutPlan, state: RolloutState): number {
  return elapsedMs(state.startedAt, state.finishedAt) ?? plan.nodes.reduce((sum, n) => sum + (state.nodes[n]?.durationMs ?? 0), 0);
}

/** `<@REQ>` and `<@APP>`, each once: the people a summary is for. */
function people(requestedBy: string, approvedBy: string | undefined): string {
  return approvedBy === undefined || approvedBy === requestedBy ? mention(requestedBy) : `${mention(requestedBy)} ${mention(approvedBy)}`;
}

function headline(plan: RolloutPlan, state: RolloutState, who: string): string {
  const what = `*${escapeMrkdwn(cutLine(shownRequestText(plan.request), 1000))}*`;
  const n = plan.nodes.length;
  switch (state.status) {
    case 'succeeded':
      return `${who} ✅ ${what} is done: ${n} of ${n} node${n === 1 ? '' : 's'} updated in ${durationText(totalMs(plan, state))}.`;
    case 'failed':
      return `${who} ⛔ ${what} stopped${state.failure === undefined ? '' : `: a step failed on ${escapeMrkdwn(state.failure.node)}`}. It waits for a decision: resume, retry, roll back or leave it as it is.`;
    case 'paused':
      // A pause for the bot's shutdown ends by itself when the bot starts again; any other waits for people.
      return state.stopCause === 'shutdown'
        ? `${who} ⏸️ ${what} is paused: the bot shut down; it resumes when the bot starts again.`
        : `${who} ⏸️ ${what} is paused${state.stopCause === 'pause' ? ' on request' : ''}. It waits for a decision: resume, roll back or leave it as it is.`;
    case 'interrupted':
      return `${who} ⚠️ ${what} was interrupted${state.summary === undefined ? '' : `: ${slackLine(state.summary, 1000)}`}. It waits for a decision.`;
    case 'rolled-back':
      return `${who} ↩️ ${what} was rolled back: every changed node is as it was before.`;
    case 'left-as-is':
      return `${who} 🏳️ ${what} was left as it is${state.summary === undefined ? '' : `: ${slackLine(state.summary, 1000)}`}.`;
    case 'pending':
    case 'running':
      return `${who} 🔄 ${what} is still running.`;
  }
}

/** `• node1: 4m 12s`, or what became of a node that did not finish. */
function nodeDurationLine(name: string, state: RolloutState): string {
  const node = state.nodes[name];
  const label = `• ${escapeMrkdwn(name)}`;
  if (node === undefined) return `${label}: not reached`;
  if (node.durationMs !== undefined) return `${label}: ${durationText(node.durationMs)}`;
  return `${label}: ${node.status === 'waiting' ? 'not reached' : node.status}`;
}

/** The last thread reply, broadcast to the channel: mentions the requester and the approver, says how it ended, per-node durations and the total time. */
export function finalSummary(input: FinalSummaryInput): SlackMessage {
  const { plan, state } = input;
  const main = headline(plan, state, people(input.requestedBy, input.approvedBy));
  const window =
    state.startedAt === undefined ? '' : ` (${slackTime(state.startedAt, 'seconds')}${state.finishedAt === undefined ? '' : `–${slackTime(state.finishedAt, 'seconds')}`})`;
  const lines = [`*Per node* (in order):`, ...orderedNodes(plan, state).map((n) => nodeDurationLine(n, state))];
  const stopped = state.status === 'failed' || state.status === 'interrupted' || state.status === 'paused';
  const blocks: Block[] = [
    section(main),
    ...packLines(lines, MAX_NODE_BLOCKS, (k) => `… and ${k} more node${k === 1 ? '' : 's'}`).map((text) => section(text)),
    section(`*Total:* ${durationText(totalMs(plan, state))}${window}`),
    // The failed step has a reply of its own just above, and the board shows it: not a third time here.
    ...(stopped ? stoppedBlocks(plan, state, input.wayBack, { withFailure: false }) : []),
    context(
      [`plan ${code(shortHash(plan.hash))}`, `requested by ${mention(input.requestedBy)}`, ...(input.approvedBy === undefined ? [] : [`approved by ${mention(input.approvedBy)}`])].join(' · '),
    ),
  ];
  return { text: cutLine(main, TEXT_MAX), blocks };
}
