import { utcClockTime } from '../../../domain/approval/utc-clock-time.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { RolloutEvent } from '../../../domain/rollout/rollout-event.ts';
import { assertNever } from '../../../domain/assert-never.ts';
import { section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { formatDuration } from './format-duration.ts';
import { code, codeBlockTail, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { SECTION_TEXT_MAX, TEXT_MAX, type Block, type SlackMessage } from './slack-message.ts';
import { nodeSequence } from './verdict-message.ts';
import { slackLine } from '../render-text.ts';

/** Said once, when a rolling restart starts. */
export const OLD_UI_NOTE =
  'ℹ️ While the rollout runs, users on nodes not yet updated still see the old UI and behaviour; the users of a node move to the others while it restarts.';

/** Said once, when a full shutdown starts. */
export const FULL_SHUTDOWN_NOTE = 'ℹ️ All nodes go down together: the site is unavailable until the first node is back and healthy.';

export interface StepReplyContext {
  /** The plan being run: step titles come from it. */
  readonly plan: RolloutPlan;
  /** Titles of steps the plan does not list (restore, roll back), from their StepStarted events. */
  readonly titles?: ReadonlyMap<string, string>;
}

const TITLE_MAX = 300;

const DONE_HEAD: Readonly<Record<Extract<RolloutEvent, { type: 'RolloutDone' }>['outcome'], string>> = {
  succeeded: '🏁 Rollout succeeded',
  failed: '⛔ Rollout stopped',
  paused: '⏸️ Rollout paused',
  interrupted: '⚠️ Rollout held',
  'rolled-back': '↩️ Rolled back',
};

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const MESSAGE_MAX = 1200;

const titleOf = (plan: RolloutPlan, stepId: string, titles?: ReadonlyMap<string, string>): string =>
  cutLine(titles?.get(stepId) ?? plan.steps.find((s) => s.id === stepId)?.title ?? stepId, TITLE_MAX);
const node = (name: string): string => `*${escapeMrkdwn(name)}*`;

function reply(lines: readonly string[], extra: readonly Block[] = []): SlackMessage {
  const text = lines.join('\n');
  return { text: cutLine(text, TEXT_MAX), blocks: [section(text), ...extra] };
}

/** One short thread reply per rollout event. */
export function stepReply(event: RolloutEvent, { plan, titles }: StepReplyContext): SlackMessage {
  switch (event.type) {
    case 'RolloutStarted':
      return reply([
        `▶️ Rollout started at ${utcClockTime(event.at, true)} UTC on ${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'}: ${nodeSequence(event.nodes)} (plan ${code(shortHash(event.planHash))})`,
        plan.strategy === 'rolling' ? OLD_UI_NOTE : FULL_SHUTDOWN_NOTE,
      ]);
    case 'StepStarted':
      return reply([`▶️ ${node(event.node)}: ${escapeMrkdwn(cutLine(event.title, TITLE_MAX))}`]);
    case 'StepSucceeded':
      return reply([
        `✔️ ${node(event.node)}: ${escapeMrkdwn(titleOf(plan, event.stepId, titles))} (${formatDuration(event.durationMs)})`,
        ...(event.detail === undefined || event.detail.trim() === '' ? [] : [`> ${escapeMrkdwn(cutLine(event.detail.replace(/\s*\n\s*/g, ' '), 500))}`]),
      ]);
    case 'StepFailed': {
      const head = [
        `❌ ${node(event.node)}: ${escapeMrkdwn(titleOf(plan, event.stepId, titles))} failed after ${formatDuration(event.durationMs)}`,
        escapeMrkdwn(cutLine(event.message, MESSAGE_MAX)),
        `Command: ${event.command === undefined ? 'none (a wait timed out or the connection failed)' : code(event.command, 800)} · exit code ${event.exitCode === undefined ? 'none' : String(event.exitCode)}`,
      ];
      return reply(head, [section(codeBlockTail(event.outputTail, SECTION_TEXT_MAX))]);
    }
    case 'NodeDone':
      return reply([`✅ ${node(event.node)} is healthy and back in the cluster (${formatDuration(event.durationMs)})`]);
    case 'RestoreStarted':
      return reply([event.purpose === 'rollback' ? `⏪ ${node(event.node)}: rolling back (the backup taken before the change)` : `⏪ ${node(event.node)}: putting back the backup taken before the change`]);
    case 'RestoreFinished':
      return reply([`${event.ok ? '↩️' : '⚠️'} ${event.message.startsWith(event.node) ? '' : `${node(event.node)}: `}${escapeMrkdwn(cutLine(event.message, MESSAGE_MAX))}`]);
    case 'NodeFound':
      return reply([`🔍 ${node(event.node)} now: ${escapeMrkdwn(cutLine(event.detail, MESSAGE_MAX))}`]);
    case 'RolloutResumed':
      return reply([`▶️ ${escapeMrkdwn(cutLine(capitalized(event.message), MESSAGE_MAX))}${event.by === 'bot' ? '' : ` (asked by ${mention(event.by)})`} at ${utcClockTime(event.at, true)} UTC`]);
    case 'RunStopping':
      return reply([`⏸️ ${escapeMrkdwn(cutLine(capitalized(event.message), MESSAGE_MAX))}${event.by === undefined ? '' : ` (asked by ${mention(event.by)})`}`]);
    case 'RolloutDone':
      return reply([`${DONE_HEAD[event.outcome]} after ${formatDuration(event.durationMs)}: ${slackLine(event.summary, MESSAGE_MAX)}`]);
    case 'RolloutInterrupted':
      return reply([`⚠️ The bot restarted while this rollout ran: ${slackLine(event.summary, MESSAGE_MAX)}`]);
    case 'RolloutLeft':
      return reply([`🏳️ Left as it is by ${mention(event.by)}: ${slackLine(event.summary, MESSAGE_MAX)}`]);
  }
  return assertNever(event, 'rollout event');
}
