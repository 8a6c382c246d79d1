import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { requestHeadline } from './change-title.ts';
import { maskedRequest } from '../../../domain/liferay/masked-request.ts';
import { describeChange, describeRequest } from '../../../domain/request/describe-request.ts';
import type { NodeState, NodeStatus, RolloutFailure, RolloutState } from '../../../domain/rollout/rollout-state.ts';
import { context, header, packLines, section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { elapsedMs } from './format-duration.ts';
import { code, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { orderedNodes, wayBack, whereThingsStand } from './rollout-standing.ts';
import { rolloutControls } from './rollout-controls.ts';
import { TEXT_MAX, type Block, type SlackMessage } from './slack-message.ts';
import { slackTime } from './slack-time.ts';
import { durationText, failedCommandText, outputTailText as tailText, withoutNode } from './step-reply.ts';
import type { RichText } from '../../../domain/text/rich-text.ts';
import { slackLine, slackText } from '../render-text.ts';

export interface StatusBoardInput {
  readonly plan: RolloutPlan;
  readonly state: RolloutState;
  /** Slack user ids. */
  readonly requestedBy: string;
  readonly approvedBy: string;
  readonly requestId?: string | undefined;
  /** Overrides the generated "way back" advice on failure. */
  readonly wayBack?: RichText | undefined;
}

export const NODE_EMOJI: Readonly<Record<NodeStatus, string>> = {
  waiting: '⏳',
  checking: '🔍',
  ready: '☑️',
  stopping: '🔄',
  updating: '🔄',
  starting: '🔄',
  healthy: '✅',
  verified: '✅',
  failed: '❌',
  restoring: '⏪',
  restored: '↩️',
  'rolled-back': '↩️',
};

const ACTIVE: readonly NodeStatus[] = ['checking', 'stopping', 'updating', 'starting', 'restoring'];
const MAX_NODE_BLOCKS = 6;
const NODE_LINE_MAX = 300;
const STEP_MAX = 160;

const since = (node: NodeState, word = 'since'): string => (node.since === '' ? '' : ` ${word} ${slackTime(node.since, 'seconds')}`);
/** The node's step, or what became of it (`node2 could not be put back: …` said once, without the name again). */
const stepText = (name: string, node: NodeState): string => (node.step === undefined ? '' : escapeMrkdwn(cutLine(withoutNode(name, node.step), STEP_MAX)));

/** `node1 ✅ healthy (4m 12s)`, `node2 🔄 starting: wait for HTTP 200… since 10:43:05`, `node3 ⏳ waiting`. */
export function nodeLine(name: string, node: NodeState | undefined): string {
  const label = escapeMrkdwn(name);
  if (node === undefined) return `${label} ${NODE_EMOJI.waiting} waiting`;
  const head = `${label} ${NODE_EMOJI[node.status]} ${node.status}`;
  const step = stepText(name, node);
  let line: string;
  switch (node.status) {
    case 'waiting':
      line = head;
      break;
    case 'healthy':
    case 'verified':
      line = node.durationMs === undefined ? `${head}${since(node)}` : `${head} (${durationText(node.durationMs)})`;
      break;
    case 'ready':
      line = `${head} (checks passed)${since(node)}`;
      break;
    case 'failed':
    case 'restored':
    case 'rolled-back':
      line = `${head}${step === '' ? '' : `: ${step}`}${since(node, 'at')}`;
      break;
    case 'checking':
    case 'stopping':
    case 'updating':
    case 'starting':
    case 'restoring':
      line = `${head}${step === '' ? '' : `: ${step}…`}${since(node)}`;
      break;
  }
  return cutLine(line, NODE_LINE_MAX);
}

/** `node2 (node 2 of 3)` or `1 of 3 nodes done` (raw text). */
function progress(plan: RolloutPlan, state: RolloutState): string {
  const nodes = orderedNodes(plan, state);
  const done = nodes.filter((n) => ['healthy', 'verified'].includes(state.nodes[n]?.status ?? 'waiting')).length;
  const active = nodes.findIndex((n) => ACTIVE.includes(state.nodes[n]?.status ?? 'waiting'));
  return active >= 0 ? `${nodes[active] ?? ''} (node ${active + 1} of ${nodes.length})` : `${done} of ${nodes.length} nodes done`;
}

/** The headline of the board: where the rollout as a whole stands. */
export function overallLine(plan: RolloutPlan, state: RolloutState): string {
  const started = state.startedAt === undefined ? '' : ` · started ${slackTime(state.startedAt, 'seconds')}`;
  const took = elapsedMs(state.startedAt, state.finishedAt);
  const kind = plan.strategy === 'rolling' ? 'Rolling restart' : 'FULL SHUTDOWN';
  switch (state.status) {
    case 'pending':
      return `⏳ *Approved*: the ${kind.toLowerCase()} starts in a moment`;
    case 'running':
      return `🔄 *${kind} running*: ${escapeMrkdwn(progress(plan, state))}${started}`;
    case 'succeeded':
      return `✅ *Done*: all ${plan.nodes.length} nodes updated${took === undefined ? '' : ` in ${durationText(took)}`}`;
    case 'failed': {
      const where = state.failure === undefined ? '' : `: a step failed on ${escapeMrkdwn(state.failure.node)}`;
      return `⛔ *Stopped*${where}. Nothing more runs until someone decides below`;
    }
    case 'paused':
      return `⏸️ *Paused*. Nothing more runs until someone decides below`;
    case 'interrupted':
      return `⚠️ *Held after a restart*. Nothing more runs until someone decides below${state.summary === undefined ? '' : `. ${slackLine(state.summary, 1000)}`}`;
    case 'rolled-back':
      return `↩️ *Rolled back*: every changed node is as it was before${took === undefined ? '' : ` (${durationText(took)})`}`;
    case 'left-as-is':
      return `🏳️ *Left as it is*${state.summary === undefined ? '' : `: ${slackLine(state.summary, 1000)}`}`;
  }
}

/**
 * The step that failed: node, step, error, the command on lines of its own and its exit code (the
 * output tail is a block of its own). What was done on the node afterwards (put back from its
 * backup, or not) follows as such, never in the failure's place.
 */
export function failureText(plan: RolloutPlan, failure: RolloutFailure, node?: NodeState): string {
  const title = failure.title ?? plan.steps.find((s) => s.id === failure.stepId)?.title ?? failure.stepId;
  const afterwards = node === undefined || node.step === undefined || node.step === failure.title || !['restored', 'rolled-back', 'failed'].includes(node.status) ? undefined : withoutNode(failure.node, node.step);
  return [
    `❌ *Failed on ${escapeMrkdwn(failure.node)}*: ${escapeMrkdwn(cutLine(title, 300))}`,
    `*Error:* ${escapeMrkdwn(cutLine(failure.message, 1200))}`,
    failedCommandText(failure.command, failure.exitCode),
    ...(afterwards === undefined ? [] : [`*Afterwards:* ${escapeMrkdwn(cutLine(afterwards, 600))}`]),
  ].join('\n');
}

/** The failed command's output tail as a code block that fits one section. */
export function outputTailText(failure: RolloutFailure): string {
  return tailText(failure.outputTail);
}

/** Failure details, where every node stands and the way back: for the board and the final summary. */
export function stoppedBlocks(plan: RolloutPlan, state: RolloutState, wayBackText: RichText | undefined, { withFailure = true }: { readonly withFailure?: boolean } = {}): Block[] {
  const failure = withFailure ? state.failure : undefined;
  return [
    ...(failure === undefined ? [] : [section(failureText(plan, failure, state.nodes[failure.node])), section(outputTailText(failure))]),
    section(`*Where things stand:* ${whereThingsStand(plan, state)}`),
    section(`*Way back:* ${wayBackText === undefined ? wayBack(plan, state) : slackText(wayBackText)}`),
  ];
}

function plainStatus(plan: RolloutPlan, state: RolloutState): string {
  switch (state.status) {
    case 'pending':
      return 'approved, starting';
    case 'running':
      return `running: ${progress(plan, state)}`;
    case 'succeeded':
      return 'done';
    case 'failed':
      return `stopped: a step failed${state.failure === undefined ? '' : ` on ${state.failure.node}`}`;
    case 'paused':
      return 'paused';
    case 'interrupted':
      return 'held after a restart';
    case 'rolled-back':
      return 'rolled back';
    case 'left-as-is':
      return 'left as it is';
  }
}

/** The request's message as a live board: one line per node, the overall status, and on failure where things stand. */
export function statusBoard(input: StatusBoardInput): SlackMessage {
  const { plan, state } = input;
  const request = maskedRequest(plan.request);
  const lines = orderedNodes(plan, state).map((n) => nodeLine(n, state.nodes[n]));
  const stopped = state.status === 'failed' || state.status === 'interrupted' || state.status === 'paused';
  const footer = [
    ...(input.requestId === undefined ? [] : [`Request ${code(input.requestId, 200)}`]),
    `plan ${code(shortHash(plan.hash))}`,
    `requested by ${mention(input.requestedBy)}`,
    `approved by ${mention(input.approvedBy)}`,
    'every step is in the thread',
  ];
  const blocks: Block[] = [
    // The same header as the verdict message it replaces: the message keeps its name.
    header(requestHeadline(request, 150)),
    section(`${overallLine(plan, state)}\n${code(`/liferay ${describeRequest(request)}`, 1500)}`),
    ...packLines(lines, MAX_NODE_BLOCKS, (k) => `… and ${k} more node${k === 1 ? '' : 's'}`).map((text) => section(text)),
    ...(stopped ? stoppedBlocks(plan, state, input.wayBack) : []),
    ...(input.requestId === undefined ? [] : rolloutControls(input.requestId, state)),
    context(footer.join(' · ')),
  ];
  return { text: cutLine(escapeMrkdwn(`${request.cluster}: ${describeChange(request)} — ${plainStatus(plan, state)}`), TEXT_MAX), blocks };
}
