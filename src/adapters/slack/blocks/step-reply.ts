import type { StepKind } from '../../../domain/plan/rollout-step.ts';
import type { RolloutEvent, StepPurpose } from '../../../domain/rollout/rollout-event.ts';
import { section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { formatDuration } from './format-duration.ts';
import { code, codeBlock, codeBlockTail, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { SECTION_TEXT_MAX, TEXT_MAX, type Block, type SlackMessage } from './slack-message.ts';
import { slackTime } from './slack-time.ts';
import { nodeSequence } from './verdict-message.ts';
import { slackLine } from '../render-text.ts';

/** Said once, when a rolling restart starts. */
export const OLD_UI_NOTE =
  'ℹ️ While the rollout runs, users on nodes not yet updated still see the old UI and behaviour; the users of a node move to the others while it restarts.';

/** Said once, when a full shutdown starts. */
export const FULL_SHUTDOWN_NOTE = 'ℹ️ All nodes go down together: the site is unavailable until the first node is back and healthy.';

const TITLE_MAX = 300;
const MESSAGE_MAX = 1200;
const COMMAND_MAX = 1000;

/** A duration as mrkdwn: `&lt;1s` (a bare `<` would start Slack markup). */
export const durationText = (ms: number): string => escapeMrkdwn(formatDuration(ms));

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const nodeName = (name: string): string => `*${escapeMrkdwn(name)}*`;

/** `node2 could not be put back: …` said under node2's own name: `could not be put back: …`. */
export function withoutNode(node: string, message: string): string {
  return message.startsWith(`${node} `) ? message.slice(node.length + 1) : message;
}

function reply(lines: readonly string[], extra: readonly Block[] = []): SlackMessage {
  const text = lines.join('\n');
  return { text: cutLine(text, TEXT_MAX), blocks: [section(text), ...extra] };
}

/** What a step does, in the reader's words and without paths: [while it runs, once done]. */
const STEP_WORDS: Readonly<Record<StepKind, readonly [string, string]>> = {
  connect: ['connecting', 'connected, host key checked'],
  'check-healthy': ['checking it is healthy', 'healthy before the change'],
  probe: ['reading its patches and Java', 'patches and Java read'],
  stage: ['uploading the artifact', 'artifact uploaded and checked'],
  drain: ['taking it out of the load balancer', 'out of the load balancer'],
  stop: ['stopping', 'stopped'],
  backup: ['taking a backup', 'backup taken'],
  apply: ['applying the change', 'change applied'],
  restore: ['putting the backup back', 'backup put back'],
  start: ['starting', 'started'],
  'wait-started': ['waiting for the startup line', 'started up'],
  'wait-healthy': ['waiting until it answers healthy', 'answers healthy'],
  'wait-cluster': ['waiting until it is back in the cluster', 'back in the cluster'],
  enable: ['putting it back in the load balancer', 'back in the load balancer'],
  verify: ['checking it shows the change', 'shows the change'],
};

/** One step on a node as a node reply lists it. */
export interface NodeStepLine {
  readonly type: 'step';
  readonly kind: StepKind;
  readonly purpose: StepPurpose;
  /** The plan's title (it may name paths): shown only when the step failed. */
  readonly title: string;
  readonly outcome: 'running' | 'succeeded' | 'failed';
  readonly durationMs?: number | undefined;
}

/** Putting a node back (after a failure, or a roll back): begun, then how it ended. */
export interface NodeRestoreLine {
  readonly type: 'restore';
  readonly purpose: 'restore' | 'rollback';
  readonly ok?: boolean | undefined;
  readonly message?: string | undefined;
}

/** What a look at the node found (while putting it back, or when a run takes over): shown on the node's reply once it has one. */
export interface NodeFoundLine {
  readonly type: 'found';
  readonly detail: string;
}

export type NodeLine = NodeStepLine | NodeRestoreLine | NodeFoundLine;

export interface NodeReplyInput {
  readonly node: string;
  /** Where the node stands in the plan's order, when it is a plan node. */
  readonly position?: { readonly index: number; readonly of: number } | undefined;
  readonly lines: readonly NodeLine[];
  /** The node is healthy and back in the cluster after this long. */
  readonly doneMs?: number | undefined;
}

const MARK = { running: '…', succeeded: '✓', failed: '✗' } as const;

function stepLine(line: NodeStepLine): string {
  const [doing, done] = STEP_WORDS[line.kind];
  const undo = line.purpose === 'restore' || line.purpose === 'rollback' ? '  ' : '';
  switch (line.outcome) {
    case 'running':
      return `${undo}${MARK.running} ${doing}`;
    case 'succeeded':
      return `${undo}${MARK.succeeded} ${done}${line.durationMs === undefined ? '' : ` (${durationText(line.durationMs)})`}`;
    case 'failed':
      return `${undo}${MARK.failed} ${escapeMrkdwn(cutLine(line.title, TITLE_MAX))} failed${line.durationMs === undefined ? '' : ` after ${durationText(line.durationMs)}`} (details below)`;
  }
}

function restoreLine(node: string, line: NodeRestoreLine): string {
  if (line.ok === undefined) return line.purpose === 'rollback' ? '⏪ rolling back to the backup taken before the change:' : '⏪ putting back the backup taken before the change:';
  const message = escapeMrkdwn(cutLine(withoutNode(node, line.message ?? ''), MESSAGE_MAX));
  return `${line.ok ? '↩️' : '⚠️'} ${message}`;
}

function nodeHead(input: NodeReplyInput): string {
  const name = nodeName(input.node);
  if (input.doneMs !== undefined) return `✅ ${name} is healthy and back in the cluster (${durationText(input.doneMs)})`;
  const last = input.lines.at(-1);
  const failed = input.lines.some((l) => l.type === 'step' && l.outcome === 'failed' && l.purpose !== 'restore' && l.purpose !== 'rollback');
  if (last?.type === 'restore' && last.ok !== undefined) return `${last.ok ? '↩️' : '⚠️'} ${name}: ${last.ok ? 'put back as it was' : 'could not be put back'}${failed ? ' after a failed step' : ''}`;
  if (failed) return `❌ ${name}: a step failed`;
  const of = input.position === undefined ? '' : ` (node ${input.position.index} of ${input.position.of})`;
  return `🔄 ${name}${of}`;
}

/** One thread reply per node and run, updated in place: a line per step (✓ done, … running, ✗ failed), without internal paths. */
export function nodeReply(input: NodeReplyInput): SlackMessage {
  const lines = input.lines.map((l) => (l.type === 'step' ? stepLine(l) : l.type === 'found' ? `🔍 now: ${escapeMrkdwn(cutLine(l.detail, MESSAGE_MAX))}` : restoreLine(input.node, l)));
  return reply([nodeHead(input), ...lines]);
}

/** How the checks before the first node went, for the run's reply. */
export interface PreflightProgress {
  /** Checks passed so far. */
  readonly passed: number;
  /** The node a check runs on now. */
  readonly running?: string | undefined;
  readonly failedOn?: string | undefined;
  /** The first node step began: the checks are over. */
  readonly finished: boolean;
  readonly durationMs: number;
}

const checks = (n: number): string => `${n} check${n === 1 ? '' : 's'}`;

function preflightLine(preflight: PreflightProgress): string {
  if (preflight.failedOn !== undefined) return `✗ Checks before the change failed on ${nodeName(preflight.failedOn)} after ${checks(preflight.passed)} passed (details below)`;
  if (preflight.finished) return `✓ Checks before the change passed (${checks(preflight.passed)}, ${durationText(preflight.durationMs)})`;
  return `… Checks before the change: ${checks(preflight.passed)} passed${preflight.running === undefined ? '' : `, now on ${nodeName(preflight.running)}`}`;
}

const foundLine = (f: Extract<RolloutEvent, { type: 'NodeFound' }>): string => `🔍 ${nodeName(f.node)} now: ${escapeMrkdwn(cutLine(f.detail, MESSAGE_MAX))}`;

export interface RunReplyInput {
  /** RolloutStarted for the first run, RolloutResumed for the others. */
  readonly event: Extract<RolloutEvent, { type: 'RolloutStarted' | 'RolloutResumed' }>;
  readonly strategy: 'rolling' | 'full-shutdown';
  /** What fresh probes found at the start of this run (NodeFound). */
  readonly found: readonly Extract<RolloutEvent, { type: 'NodeFound' }>[];
  readonly preflight?: PreflightProgress | undefined;
}

/** The reply that opens a run (the rollout's start, or a resume, retry, roll back or recovery), updated as its checks go. */
export function runReply({ event, strategy, found, preflight }: RunReplyInput): SlackMessage {
  const head =
    event.type === 'RolloutStarted'
      ? [
          `▶️ Rollout started at ${slackTime(event.at, 'seconds')} on ${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'}: ${nodeSequence(event.nodes)} (plan ${code(shortHash(event.planHash))})`,
          strategy === 'rolling' ? OLD_UI_NOTE : FULL_SHUTDOWN_NOTE,
        ]
      : [`▶️ ${escapeMrkdwn(cutLine(capitalized(event.message), MESSAGE_MAX))}${event.by === 'bot' ? '' : ` (asked by ${mention(event.by)})`} at ${slackTime(event.at, 'seconds')}`];
  return reply([
    ...head,
    ...found.map(foundLine),
    ...(preflight === undefined ? [] : [preflightLine(preflight)]),
  ]);
}

const OUTPUT_TITLE = '*Last lines of output*\n';

/** The command that failed on lines of its own (a code block, never squashed onto one line) and its exit code. */
export function failedCommandText(command: string | undefined, exitCode: number | undefined): string {
  const exit = exitCode === undefined ? 'no exit code' : `exit code ${exitCode}`;
  if (command === undefined) return `*Command:* none (a wait timed out or the connection failed), ${exit}`;
  return `*Command* (${exit}):\n${codeBlock(command, COMMAND_MAX)}`;
}

/** The failed command's output tail as a code block that fits one section. */
export function outputTailText(outputTail: string): string {
  return `${OUTPUT_TITLE}${codeBlockTail(outputTail, SECTION_TEXT_MAX - OUTPUT_TITLE.length)}`;
}

/** A reply of its own for a failed step: node, step, error, the command on its own lines, exit code and the output tail. */
export function failureReply(event: Extract<RolloutEvent, { type: 'StepFailed' }>, title: string): SlackMessage {
  const undo = event.purpose === 'restore' || event.purpose === 'rollback' ? ' (while putting it back)' : '';
  return reply(
    [
      `❌ ${nodeName(event.node)}${undo}: ${escapeMrkdwn(cutLine(title, TITLE_MAX))} failed after ${durationText(event.durationMs)}`,
      escapeMrkdwn(cutLine(event.message, MESSAGE_MAX)),
      failedCommandText(event.command, event.exitCode),
    ],
    [section(outputTailText(event.outputTail))],
  );
}

/** A reply of its own for a control action or a decision that is not the opening of a run. */
export function eventReply(event: Extract<RolloutEvent, { type: 'RunStopping' | 'RolloutInterrupted' | 'RolloutLeft' | 'NodeFound' }>): SlackMessage {
  switch (event.type) {
    case 'NodeFound':
      return reply([foundLine(event)]);
    case 'RunStopping':
      return reply([`⏸️ ${escapeMrkdwn(cutLine(capitalized(event.message), MESSAGE_MAX))}${event.by === undefined ? '' : ` (asked by ${mention(event.by)})`}`]);
    case 'RolloutInterrupted':
      return reply([`⚠️ The bot restarted while this rollout ran: ${slackLine(event.summary, MESSAGE_MAX)}`]);
    case 'RolloutLeft':
      return reply([`🏳️ Left as it is by ${mention(event.by)}: ${slackLine(event.summary, MESSAGE_MAX)}`]);
  }
}
