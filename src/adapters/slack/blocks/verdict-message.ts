import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../../domain/approval/approval-policy.ts';
import type { Question, Reason, Verdict, VerdictKind } from '../../../domain/eligibility/verdict.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { PlanStep } from '../../../domain/plan/rollout-step.ts';
import { describeRequest } from '../../../domain/request/describe-request.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { actions, button, context, divider, header, packLines, section } from './block-kit.ts';
import { encodeAnswerValue, encodeDecisionValue } from './button-values.ts';
import { cutLine } from './cut-text.ts';
import { code, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { TEXT_MAX, type Block, type Button, type SlackMessage } from './slack-message.ts';

export interface VerdictMessageInput {
  /** Our id of the posted request; every button value carries it. */
  readonly requestId: string;
  /** Slack user id of the requester. */
  readonly requestedBy: string;
  readonly verdict: Verdict;
  /**
   * eligible: the rolling plan (Approve); ineligible: the full-shutdown plan (Approve FULL SHUTDOWN);
   * needs-confirmation: none, or a provisional plan shown without Approve.
   */
  readonly plan?: RolloutPlan | undefined;
  /** Why there is no plan (e.g. an artifact is missing); shown in its place. */
  readonly planProblem?: string | undefined;
  /** Shown in the footer; DEFAULT_APPROVAL_TTL_MINUTES when absent. */
  readonly approvalTtlMinutes?: number | undefined;
}

const MARK: Readonly<Record<Reason['outcome'], string>> = { pass: '✓', block: '✗', confirm: '?', note: '·' };

const HEADLINE: Readonly<Record<VerdictKind, string>> = {
  eligible: '✅ *Eligible for a rolling restart*: one node at a time, the cluster stays available',
  ineligible: '⛔ *Not eligible for a rolling restart*: this change needs the whole cluster down',
  'needs-confirmation': '❓ *Needs confirmation* before it may roll: answer the question below',
};

const PLAIN_HEADLINE: Readonly<Record<VerdictKind, string>> = {
  eligible: 'eligible for a rolling restart',
  ineligible: 'NOT eligible for a rolling restart (needs all nodes down)',
  'needs-confirmation': 'needs confirmation',
};

const MAX_REASON_BLOCKS = 4;
const MAX_REASON_CHARS = 600;
const MAX_QUESTIONS = 5;
const MAX_PLAN_BLOCKS = 4;
const MAX_PLAN_LINE_CHARS = 400;
const MAX_NAMES = 20;
const MAX_ARTIFACTS = 5;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `node1 → node2 → node3`, at most MAX_NAMES names then `… and N more`. */
export function nodeSequence(nodes: readonly string[], separator = ' → ', max = MAX_NAMES): string {
  const shown = nodes.slice(0, max).map(escapeMrkdwn).join(separator);
  return nodes.length > max ? `${shown} … and ${nodes.length - max} more` : shown;
}

function reasonLines(reasons: readonly Reason[]): string[] {
  return reasons.map((r) => cutLine(`${MARK[r.outcome]} ${code(r.rule, 80)}: ${escapeMrkdwn(r.message)}`, MAX_REASON_CHARS));
}

function answerButtons(question: Question, requestId: string, index: number): Button[] {
  const ids = { requestId, question: index };
  switch (question.topic) {
    case 'schema':
      return [
        button({ actionId: ACTION_IDS.answerSchemaNone, text: 'No schema change', value: encodeAnswerValue({ ...ids, topic: 'schema', answer: 'none' }) }),
        button({ actionId: ACTION_IDS.answerSchemaCompatible, text: 'Backward-compatible', value: encodeAnswerValue({ ...ids, topic: 'schema', answer: 'compatible' }) }),
        button({ actionId: ACTION_IDS.answerSchemaBreaking, text: 'Breaking', style: 'danger', value: encodeAnswerValue({ ...ids, topic: 'schema', answer: 'breaking' }) }),
      ];
    case 'revertible':
      return [
        button({ actionId: ACTION_IDS.answerRevertibleYes, text: 'Yes, revertible', style: 'primary', value: encodeAnswerValue({ ...ids, topic: 'revertible', answer: 'yes' }) }),
        button({ actionId: ACTION_IDS.answerRevertibleNo, text: 'No', value: encodeAnswerValue({ ...ids, topic: 'revertible', answer: 'no' }) }),
      ];
    case 'java-major': {
      const major = question.subjects[0];
      return [
        button({
          actionId: ACTION_IDS.answerJavaMajorYes,
          text: major === undefined ? 'Yes' : `Yes, they run Java ${major}`,
          style: 'primary',
          value: encodeAnswerValue({ ...ids, topic: 'java-major', answer: 'yes' }),
        }),
        button({ actionId: ACTION_IDS.answerJavaMajorNo, text: 'No', value: encodeAnswerValue({ ...ids, topic: 'java-major', answer: 'no' }) }),
      ];
    }
    case 'facts':
      return [];
  }
}

function questionBlocks(input: VerdictMessageInput, question: Question, index: number, interactive: boolean): Block[] {
  const request = describeRequest(input.verdict.request);
  const cluster = escapeMrkdwn(input.verdict.request.cluster);
  const explain =
    question.topic === 'facts'
      ? `\nNo one-click answer: declare ${question.subjects.map((s) => code(s, 60)).join(', ')} in the facts for ${cluster} (or let the bot probe the cluster), then ask again with ${code(`/liferay ${request}`)}`
      : question.topic === 'schema'
        ? `\nOr ask again with ${code('--schema none|compatible|breaking')}.`
        : '';
  const blocks = [section(`❓ *${escapeMrkdwn(question.text)}*${explain}`)];
  const buttons = interactive ? answerButtons(question, input.requestId, index) : [];
  return buttons.length === 0 ? blocks : [...blocks, actions(`${BLOCK_IDS.answerPrefix}${index}`, buttons)];
}

function stepLine(step: PlanStep, prefix: string): string {
  return cutLine(`${prefix}${escapeMrkdwn(step.title)}`, MAX_PLAN_LINE_CHARS);
}

/** The nodes that have steps in a phase, in plan order (preflight: every node; a full shutdown also stops the skipped ones). */
function nodesIn(plan: RolloutPlan, phase: PlanStep['phase']): string[] {
  return [...new Set(plan.steps.filter((s) => s.phase === phase).map((s) => s.node))];
}

/** Every node the plan stops, in order. */
export function stoppedNodes(plan: RolloutPlan): string[] {
  return [...new Set(plan.steps.filter((s) => s.action.kind === 'stop').map((s) => s.node))];
}

function others(nodes: readonly string[], first: string): string {
  const rest = nodes.filter((n) => n !== first);
  return rest.length === 0 ? '' : `; the same for ${nodeSequence(rest, ', ', 10)}`;
}

/** `node1: already has dxp-14-7110; node4: …` for the nodes the plan leaves unchanged. */
function skippedLine(plan: RolloutPlan): string | undefined {
  const { skipped } = plan;
  if (skipped.length === 0) return undefined;
  const shown = skipped.slice(0, MAX_NAMES).map((s) => `${escapeMrkdwn(s.node)}: ${escapeMrkdwn(s.reason)}`);
  const more = skipped.length > MAX_NAMES ? ` … and ${skipped.length - MAX_NAMES} more` : '';
  const how = plan.strategy === 'rolling' ? 'left running' : 'stopped and started with the others, not changed';
  return cutLine(`*Skipped* (already done; ${how}): ${shown.join('; ')}${more}`, MAX_PLAN_LINE_CHARS);
}

/** The plan as text lines: strategy, nodes in order, skipped nodes, duration and hash, then the first changed node's steps as a template. */
export function planLines(plan: RolloutPlan): string[] {
  const first = plan.nodes[0] ?? '';
  const n = plan.nodes.length;
  const down = stoppedNodes(plan);
  const changedOnly = plan.skipped.length > 0;
  const summary =
    plan.strategy === 'rolling'
      ? `*Plan:* rolling restart, one node at a time, in this order: ${nodeSequence(plan.nodes)} · ${plural(n, 'node')}${changedOnly ? ' changed' : ''} · about ${plan.expectedMinutes} min · plan ${code(shortHash(plan.hash))}`
      : `*Plan:* ⚠️ *FULL SHUTDOWN*: all ${plural(down.length, 'node')} down together (${nodeSequence(down, ', ')})${changedOnly ? `, ${n} changed` : ''} · about ${plan.expectedMinutes} min · plan ${code(shortHash(plan.hash))}`;
  const skipped = skippedLine(plan);
  const artifacts = plan.artifacts
    .slice(0, MAX_ARTIFACTS)
    .map((a) => `Artifact: ${code(a.file, 200)} (sha256 ${shortHash(a.sha256)}…, ${(a.bytes / 1_048_576).toFixed(1)} MB)`);
  if (plan.artifacts.length > MAX_ARTIFACTS) artifacts.push(`… and ${plan.artifacts.length - MAX_ARTIFACTS} more artifacts`);
  const ofFirst = (phase: PlanStep['phase']): PlanStep[] => plan.steps.filter((s) => s.node === first && s.phase === phase);
  const preflight = ofFirst('preflight');
  const work = ofFirst('node');
  const postcheck = ofFirst('postcheck');
  const shownFor = (phase: PlanStep['phase']): string => `shown for ${escapeMrkdwn(first)}${others(phase === 'node' ? plan.nodes : nodesIn(plan, phase), first)}`;
  const changed = changedOnly ? `${nodeSequence(plan.nodes, ', ', 10)} ${n === 1 ? 'is' : 'are'} changed` : 'every node is changed';
  const workIntro =
    plan.strategy === 'rolling'
      ? `*Then node by node*, each back and healthy in the cluster before the next one stops (${shownFor('node')}):`
      : `*Then* every node stops, ${changed}, then ${escapeMrkdwn(down[0] ?? first)} starts alone and the others follow once it is healthy (${shownFor('node')}):`;
  return [
    summary,
    ...(skipped === undefined ? [] : [skipped]),
    ...artifacts,
    ...(preflight.length > 0 ? [`*First, on every node*, before anything stops (${shownFor('preflight')}${changedOnly && plan.artifacts.length > 0 ? '; no upload to skipped nodes' : ''}):`, ...preflight.map((s) => stepLine(s, '• '))] : []),
    ...(work.length > 0 ? [workIntro, ...work.map((s, i) => stepLine(s, `${i + 1}. `))] : []),
    ...(postcheck.length > 0 ? [`*Finally*, on every ${changedOnly ? 'changed ' : ''}node (${shownFor('postcheck')}):`, ...postcheck.map((s) => stepLine(s, '• '))] : []),
  ];
}

function decisionValue(input: VerdictMessageInput, plan: RolloutPlan): string {
  return encodeDecisionValue({ requestId: input.requestId, planHash: plan.hash, strategy: plan.strategy });
}

function rejectButton(input: VerdictMessageInput, plan: RolloutPlan | undefined): Button {
  return button({
    actionId: ACTION_IDS.reject,
    text: 'Reject',
    style: 'danger',
    value: encodeDecisionValue({ requestId: input.requestId, planHash: plan?.hash ?? '', strategy: plan?.strategy ?? 'rolling' }),
  });
}

function fullShutdownBlocks(input: VerdictMessageInput, plan: RolloutPlan): Block[] {
  const cluster = input.verdict.request.cluster;
  const down = stoppedNodes(plan);
  const n = down.length;
  const first = down[0] ?? 'the first node';
  const label = `Approve FULL SHUTDOWN of ${cluster} (all nodes down)`;
  return [
    section(
      `⚠️ *A full shutdown needs its own approval.* Approving it takes *all ${plural(n, 'node')} of ${escapeMrkdwn(cluster)}* down together: the site is unavailable for about ${plan.expectedMinutes} min.`,
    ),
    actions(BLOCK_IDS.fullShutdownDecision, [
      button({
        actionId: ACTION_IDS.approveFullShutdown,
        text: label.length <= 75 ? label : 'Approve FULL SHUTDOWN (all nodes down)',
        style: 'danger',
        value: decisionValue(input, plan),
        confirm: {
          title: { type: 'plain_text', text: cutLine(`Take all of ${cluster} down?`, 100) },
          text: {
            type: 'plain_text',
            text: cutLine(`All ${plural(n, 'node')} of ${cluster} stop together; the site is down until ${first} is back and healthy (about ${plan.expectedMinutes} min).`, 300),
          },
          confirm: { type: 'plain_text', text: 'Yes, shut down all nodes' },
          deny: { type: 'plain_text', text: 'Cancel' },
          style: 'danger',
        },
      }),
      rejectButton(input, plan),
    ]),
  ];
}

function planBlocks(input: VerdictMessageInput): Block[] {
  const { plan, planProblem, verdict } = input;
  if (plan !== undefined) {
    return packLines(planLines(plan), MAX_PLAN_BLOCKS, (k) => `… and ${plural(k, 'more plan line')}`).map((text) => section(text));
  }
  if (verdict.type === 'error' || (verdict.verdict === 'needs-confirmation' && planProblem === undefined)) return [];
  const what = verdict.verdict === 'ineligible' ? 'No full-shutdown plan' : 'No plan';
  return [section(`${what}: ${escapeMrkdwn(planProblem ?? 'none was made')}`)];
}

/** In place of the buttons of a dry run: it is never approved; how to ask for the real change. */
function dryRunBlocks(input: VerdictMessageInput): Block[] {
  const real = describeRequest({ ...input.verdict.request, dryRun: false });
  return [section(`🧪 *Dry run*: nothing is changed and there is nothing to approve. To make the change, ask again without \`--dry-run\`: ${code(`/liferay ${real}`, 2800)}`)];
}

function decisionBlocks(input: VerdictMessageInput): Block[] {
  const { plan, verdict } = input;
  if (verdict.type === 'error') return [];
  if (verdict.request.dryRun) return dryRunBlocks(input);
  if (verdict.verdict === 'eligible' && plan !== undefined && plan.strategy === 'rolling') {
    return [
      actions(BLOCK_IDS.decision, [
        button({ actionId: ACTION_IDS.approve, text: 'Approve', style: 'primary', value: decisionValue(input, plan) }),
        rejectButton(input, plan),
      ]),
    ];
  }
  if (verdict.verdict === 'ineligible' && plan !== undefined && plan.strategy === 'full-shutdown') return fullShutdownBlocks(input, plan);
  return [actions(BLOCK_IDS.decision, [rejectButton(input, plan)])];
}

/** The one-line summary for `text` (notifications, screen readers). */
export function verdictSummary(input: VerdictMessageInput): string {
  const { verdict } = input;
  const outcome = verdict.type === 'error' ? `cannot be done: ${verdict.message}` : PLAIN_HEADLINE[verdict.verdict];
  return cutLine(`${escapeMrkdwn(describeRequest(verdict.request))}, requested by ${mention(input.requestedBy)}: ${escapeMrkdwn(outcome)}`, TEXT_MAX);
}

/** The message's blocks; without buttons when `interactive` is false (after a decision). */
export function verdictBlocks(input: VerdictMessageInput, interactive: boolean): Block[] {
  const { verdict } = input;
  const request = verdict.request;
  const blocks: Block[] = [
    header(`🔧 Maintenance request for ${request.cluster}`),
    section(`*Requested by* ${mention(input.requestedBy)}\n${code(`/liferay ${describeRequest(request)}`, 2800)}`),
  ];
  if (verdict.type === 'error') {
    blocks.push(section(`⛔ *Cannot be done on ${escapeMrkdwn(request.cluster)}*\n✗ ${code(verdict.rule, 80)}: ${escapeMrkdwn(verdict.message)}`));
  } else {
    blocks.push(section(`${HEADLINE[verdict.verdict]}${request.dryRun ? ' (dry run: nothing is changed)' : ''}`));
    blocks.push(...packLines(reasonLines(verdict.reasons), MAX_REASON_BLOCKS, (k) => `… and ${plural(k, 'more reason')}`).map((text) => section(text)));
    verdict.questions.slice(0, MAX_QUESTIONS).forEach((q, i) => blocks.push(...questionBlocks(input, q, i, interactive)));
    if (verdict.questions.length > MAX_QUESTIONS) blocks.push(section(`… and ${plural(verdict.questions.length - MAX_QUESTIONS, 'more question')}: answer the ones above first`));
  }
  const plan = planBlocks(input);
  if (plan.length > 0) blocks.push(divider(), ...plan);
  if (interactive) blocks.push(...decisionBlocks(input));
  const footer = [`Request ${code(input.requestId, 200)}`];
  if (input.plan !== undefined) footer.push(`plan ${code(shortHash(input.plan.hash))}`);
  if (interactive && verdict.type === 'verdict') {
    footer.push(
      verdict.verdict === 'needs-confirmation'
        ? `${mention(input.requestedBy)} answers; the verdict is then re-evaluated here`
        : request.dryRun
          ? 'dry run: no approval'
          : `an approver other than ${mention(input.requestedBy)} approves within ${input.approvalTtlMinutes ?? DEFAULT_APPROVAL_TTL_MINUTES} min`,
    );
  }
  blocks.push(context(footer.join(' · ')));
  return blocks;
}

/** The channel message for a request: who asked, what, the verdict and why, the plan, and the buttons. */
export function verdictMessage(input: VerdictMessageInput): SlackMessage {
  return { text: verdictSummary(input), blocks: verdictBlocks(input, true) };
}
