import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../../domain/approval/approval-policy.ts';
import type { Question, Reason, Verdict, VerdictKind } from '../../../domain/eligibility/verdict.ts';
import { maskedRequest } from '../../../domain/liferay/masked-request.ts';
import type { SettingDiff } from '../../../domain/liferay/setting-diff.ts';
import { restartedNodes } from '../../../domain/plan/restarted-nodes.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import { describeRequest } from '../../../domain/request/describe-request.ts';
import { group, joinText, user, type TextPart } from '../../../domain/text/rich-text.ts';
import { durationFrom, type ExpectedDuration } from '../../../app/requests/expected-duration.ts';
import type { ApproverNotice } from '../../../app/requests/service-deps.ts';
import { slackText } from '../render-text.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { actions, button, header, packLines, section } from './block-kit.ts';
import { encodeAnswerValue, encodeDecisionValue } from './button-values.ts';
import { changeTitle, requestHeadline } from './change-title.ts';
import { cutLine } from './cut-text.ts';
import { formatDuration } from './format-duration.ts';
import { settingDiffLines } from './setting-diff-lines.ts';
import { code, escapeMrkdwn, mention, shortHash } from './mrkdwn.ts';
import { verbatimContext, verbatimSection } from './verbatim-blocks.ts';
import { HEADER_TEXT_MAX, TEXT_MAX, type Block, type Button, type SlackMessage } from './slack-message.ts';

/** Who may approve a request's cluster, and how they hear of it (the inventory's approvers, `notify`, `allowSelfApproval`). */
export interface ApproversShown {
  readonly userIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly notify: ApproverNotice;
  readonly allowSelfApproval: boolean;
  /**
   * `notify: none`: the names shown instead of mentions (a mention would notify), by user or
   * group id (users.info); an id without a name is shown as the id.
   */
  readonly names?: Readonly<Record<string, string>> | undefined;
}

export interface VerdictMessageInput {
  /** Our id of the posted request; every button value carries it. */
  readonly requestId: string;
  /** Slack user id of the requester. */
  readonly requestedBy: string;
  readonly verdict: Verdict;
  /**
   * eligible: the rolling plan (Approve); ineligible: the full-shutdown plan (Approve full shutdown);
   * needs-confirmation: none, or a provisional plan shown without Approve.
   */
  readonly plan?: RolloutPlan | undefined;
  /** Why there is no plan (e.g. an artifact is missing); shown in its place. */
  readonly planProblem?: string | undefined;
  /** Shown in the footer; DEFAULT_APPROVAL_TTL_MINUTES when absent. */
  readonly approvalTtlMinutes?: number | undefined;
  /** Who is asked to approve; absent: nobody is named and the footer assumes no self-approval. */
  readonly approvers?: ApproversShown | undefined;
  /** The cluster is marked `production: true`: Approve asks for a confirmation first. */
  readonly production?: boolean | undefined;
  /** The plan's expected duration (`expectedDuration`, from the cluster's past rollouts); absent: the estimate without history. */
  readonly duration?: ExpectedDuration | undefined;
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
const MAX_CHANGE_BLOCKS = 2;
const MAX_NAMES = 20;
const MAX_APPROVERS = 10;
const CONFIRM_TEXT_MAX = 300;

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

/** `about 14 min`, `under a minute`. */
export function aboutTotal(duration: ExpectedDuration): string {
  return duration.totalMs < 60_000 ? 'under a minute' : `about ${Math.round(duration.totalMs / 60_000)} min`;
}

/** `about 9 min (3m a node: the median of the last 4 rollouts on prod)`, or the estimate when the cluster has no past rollouts. */
export function durationLine(duration: ExpectedDuration): string {
  const cluster = escapeMrkdwn(duration.cluster);
  if (duration.basis === 'estimate') {
    return `${aboutTotal(duration)}: no past rollouts on ${cluster}, so about ${Math.round(duration.perNodeMs / 60_000)} min a node (estimate)`;
  }
  const from = duration.samples === 1 ? `from the last rollout on ${cluster}` : `the median of the last ${duration.samples} rollouts on ${cluster}`;
  return `${aboutTotal(duration)} (${formatDuration(duration.perNodeMs)} a node, ${from})`;
}

const durationOf = (input: VerdictMessageInput, plan: RolloutPlan): ExpectedDuration => input.duration ?? durationFrom(plan, []);

/** The plan at a glance, at most three lines: the order, the expected duration, what users will notice. */
function glanceLines(input: VerdictMessageInput, plan: RolloutPlan): string[] {
  const duration = durationOf(input, plan);
  const down = restartedNodes(plan);
  const skipped = plan.skipped.length === 0 ? '' : ` (${nodeSequence(plan.skipped.map((s) => s.node), ', ', 5)} already done, left as ${plan.skipped.length === 1 ? 'it is' : 'they are'})`;
  if (plan.strategy === 'full-shutdown') {
    return [
      `*Order:* ⚠️ all ${plural(down.length, 'node')} down together (${nodeSequence(down, ', ')}), then ${escapeMrkdwn(down[0] ?? '')} starts alone and the others follow`,
      `*Duration:* ${durationLine(duration)}`,
      `*Users notice:* ⚠️ the site is down from the first stop until ${escapeMrkdwn(down[0] ?? 'the first node')} is back: ${aboutTotal(duration)}`,
    ];
  }
  const drains = plan.steps.some((s) => s.action.kind === 'drain');
  return [
    `*Order:* ${nodeSequence(plan.nodes)}, one at a time${skipped}`,
    `*Duration:* ${durationLine(duration)}`,
    drains
      ? '*Users notice:* little: each node leaves the load balancer before it stops; people whose session was on it may have to sign in again'
      : '*Users notice:* little: the site stays up on the other nodes; requests still sent to a stopping node fail until the load balancer notices, and people whose session was on it may have to sign in again',
  ];
}

function decisionValue(input: VerdictMessageInput, plan: RolloutPlan): string {
  return encodeDecisionValue({ requestId: input.requestId, planHash: plan.hash, strategy: plan.strategy });
}

function showPlanButton(input: VerdictMessageInput, plan: RolloutPlan): Button {
  return button({ actionId: ACTION_IDS.showPlan, text: 'Show plan', value: decisionValue(input, plan) });
}

function rejectButton(input: VerdictMessageInput, plan: RolloutPlan | undefined): Button {
  return button({
    actionId: ACTION_IDS.reject,
    text: 'Reject',
    value: encodeDecisionValue({ requestId: input.requestId, planHash: plan?.hash ?? '', strategy: plan?.strategy ?? 'rolling' }),
  });
}

/** The plan Approve would start: a rolling plan of an eligible verdict, a full shutdown of an ineligible one; none for a dry run. */
function approvablePlan(input: VerdictMessageInput): RolloutPlan | undefined {
  const { plan, verdict } = input;
  if (verdict.type === 'error' || verdict.request.dryRun || plan === undefined) return undefined;
  if (verdict.verdict === 'eligible' && plan.strategy === 'rolling') return plan;
  if (verdict.verdict === 'ineligible' && plan.strategy === 'full-shutdown') return plan;
  return undefined;
}

function approveButton(input: VerdictMessageInput, plan: RolloutPlan): Button {
  const cluster = input.verdict.request.cluster;
  const duration = aboutTotal(durationOf(input, plan));
  const confirm: Button['confirm'] =
    input.production === true
      ? {
          title: { type: 'plain_text', text: cutLine(`Roll out on ${cluster}?`, 100) },
          text: {
            type: 'plain_text',
            text: cutLine(`${cluster} is production. ${changeTitle(input.verdict.request)}: ${plan.nodes.join(' → ')}, one node at a time, ${duration}.`, CONFIRM_TEXT_MAX),
          },
          confirm: { type: 'plain_text', text: 'Yes, roll out' },
          deny: { type: 'plain_text', text: 'Cancel' },
        }
      : undefined;
  return button({ actionId: ACTION_IDS.approve, text: 'Approve', style: 'primary', value: decisionValue(input, plan), ...(confirm === undefined ? {} : { confirm }) });
}

function fullShutdownBlocks(input: VerdictMessageInput, plan: RolloutPlan): Block[] {
  const cluster = input.verdict.request.cluster;
  const down = restartedNodes(plan);
  const n = down.length;
  const first = down[0] ?? 'the first node';
  const duration = aboutTotal(durationOf(input, plan));
  return [
    section(`⚠️ *A full shutdown needs its own approval.* Approving it takes *all ${plural(n, 'node')} of ${escapeMrkdwn(cluster)}* down together: the site is unavailable for ${duration}.`),
    actions(BLOCK_IDS.fullShutdownDecision, [
      button({
        actionId: ACTION_IDS.approveFullShutdown,
        text: 'Approve full shutdown',
        style: 'danger',
        value: decisionValue(input, plan),
        confirm: {
          title: { type: 'plain_text', text: cutLine(`Take all of ${cluster} down?`, 100) },
          text: { type: 'plain_text', text: cutLine(`All ${plural(n, 'node')} of ${cluster} stop together; the site is down until ${first} is back and healthy (${duration}).`, CONFIRM_TEXT_MAX) },
          confirm: { type: 'plain_text', text: 'Yes, shut down all nodes' },
          deny: { type: 'plain_text', text: 'Cancel' },
          style: 'danger',
        },
      }),
      rejectButton(input, plan),
    ]),
  ];
}

/** The approvers as Slack shows them: mentions (they are notified), or plain names for `notify: none`. */
function approverNames(approvers: ApproversShown): string {
  const users = approvers.userIds.slice(0, MAX_APPROVERS);
  const groups = approvers.groupIds.slice(0, MAX_APPROVERS);
  const more = approvers.userIds.length - users.length + approvers.groupIds.length - groups.length;
  const shown =
    approvers.notify === 'none'
      ? [...users.map((id) => escapeMrkdwn(`@${approvers.names?.[id] ?? id}`)), ...groups.map((id) => escapeMrkdwn(approvers.names?.[id] === undefined ? `group ${id}` : `@${approvers.names[id]}`))].join(', ')
      : slackText(joinText([...users.map(user), ...groups.map(group)] satisfies TextPart[], ', '));
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** `🙋 *Asked to approve:* <@U2>, <!subteam^S1>`; undefined when nobody is to be named. */
function approversLine(input: VerdictMessageInput): string | undefined {
  const { approvers } = input;
  if (approvers === undefined) return undefined;
  if (approvers.userIds.length + approvers.groupIds.length === 0) return `🙋 Nobody may approve ${escapeMrkdwn(input.verdict.request.cluster)} from Slack: the inventory names no approvers for it`;
  return approvers.notify === 'none' ? `🙋 *May approve* (not notified): ${approverNames(approvers)}` : `🙋 *Asked to approve:* ${approverNames(approvers)}`;
}

/** Who approves, by when: honours self-approval. */
function approvalRule(input: VerdictMessageInput): string {
  const ttl = input.approvalTtlMinutes ?? DEFAULT_APPROVAL_TTL_MINUTES;
  return input.approvers?.allowSelfApproval === true
    ? `any approver approves within ${ttl} min, ${mention(input.requestedBy)} included (self-approval is on)`
    : `an approver other than ${mention(input.requestedBy)} approves within ${ttl} min (no one approves their own request)`;
}

/** Why there is no plan, in its place; nothing when none was expected. */
function planProblemBlocks(input: VerdictMessageInput): Block[] {
  const { plan, planProblem, verdict } = input;
  if (plan !== undefined || verdict.type === 'error' || (verdict.verdict === 'needs-confirmation' && planProblem === undefined)) return [];
  const what = verdict.verdict === 'ineligible' ? 'No full-shutdown plan' : 'No plan';
  return [verbatimSection(`${what}: ${escapeMrkdwn(planProblem ?? 'none was made')}`)];
}

/** In place of the buttons of a dry run: it is never approved; how to ask for the real change. */
function dryRunBlocks(input: VerdictMessageInput): Block[] {
  const real = describeRequest({ ...input.verdict.request, dryRun: false });
  return [verbatimSection(`🧪 *Dry run*: nothing is changed and there is nothing to approve. To make the change, ask again without \`--dry-run\`: ${code(`/liferay ${real}`, 2800)}`)];
}

function decisionBlocks(input: VerdictMessageInput): Block[] {
  const { verdict } = input;
  if (verdict.type === 'error') return [];
  if (verdict.request.dryRun) return dryRunBlocks(input);
  const plan = approvablePlan(input);
  if (plan !== undefined && plan.strategy === 'rolling') return [actions(BLOCK_IDS.decision, [approveButton(input, plan), rejectButton(input, plan)])];
  if (plan !== undefined) return fullShutdownBlocks(input, plan);
  // Questions open: the requester may still withdraw it. Nothing to approve otherwise: no buttons.
  return verdict.verdict === 'needs-confirmation' ? [actions(BLOCK_IDS.decision, [rejectButton(input, input.plan)])] : [];
}

/** Mentions for the notification text: only when approvers are to be notified of something to approve. */
function askedIn(input: VerdictMessageInput): string {
  const { approvers } = input;
  if (approvers === undefined || approvers.notify === 'none' || approvablePlan(input) === undefined) return '';
  if (approvers.userIds.length + approvers.groupIds.length === 0) return '';
  return ` · approval asked of ${approverNames(approvers)}`;
}

/** The input as the channel may see it: the request's secret values masked (`maskedRequest`); everything else as it is. */
export function shownInput(input: VerdictMessageInput): VerdictMessageInput {
  return { ...input, verdict: { ...input.verdict, request: maskedRequest(input.verdict.request) } };
}

/** Does the message ask for an approval (a plan Approve would start)? Then its approvers are to hear of it. */
export const asksApproval = (input: VerdictMessageInput): boolean => approvablePlan(input) !== undefined;

/**
 * The thread reply that notifies approvers when a posted message turns into one that asks for an
 * approval (an answered question): an edit notifies nobody. `groupsOnly`: the users were sent a
 * direct message. Undefined when there is nobody to notify.
 */
export function approversAskedReply(given: VerdictMessageInput, groupsOnly: boolean): SlackMessage | undefined {
  const input = shownInput(given);
  const { approvers } = input;
  if (approvers === undefined || approvers.notify === 'none' || !asksApproval(input)) return undefined;
  const asked = { ...approvers, userIds: groupsOnly ? [] : approvers.userIds };
  if (asked.userIds.length + asked.groupIds.length === 0) return undefined;
  const line = `🙋 ${approverNames(asked)}: ${escapeMrkdwn(describeRequest(input.verdict.request))} now waits for your approval (the question is answered): ${approvalRule(input)}.`;
  return { text: cutLine(line, TEXT_MAX), blocks: [verbatimSection(line)] };
}

/** The one-line summary for `text` (notifications, screen readers); it names the approvers asked, so Slack notifies them. */
export function verdictSummary(given: VerdictMessageInput, interactive = false): string {
  const input = shownInput(given);
  const { verdict } = input;
  const outcome = verdict.type === 'error' ? `cannot be done: ${verdict.message}` : PLAIN_HEADLINE[verdict.verdict];
  return cutLine(`${escapeMrkdwn(describeRequest(verdict.request))}, requested by ${mention(input.requestedBy)}: ${escapeMrkdwn(outcome)}${interactive ? askedIn(input) : ''}`, TEXT_MAX);
}

/** The "Changes" of a property or config request against the nodes' values: at most MAX_CHANGE_BLOCKS sections, then how many keys are left out. */
function changeBlocks(diff: SettingDiff): Block[] {
  return packLines(settingDiffLines(diff), MAX_CHANGE_BLOCKS, (k) => `… and ${plural(k, 'more key')}`).map((text) => verbatimSection(text));
}

/** The message's blocks; without the decision buttons and the approvers asked when `interactive` is false (after a decision). */
export function verdictBlocks(given: VerdictMessageInput, interactive: boolean): Block[] {
  const input = shownInput(given);
  const { verdict, plan } = input;
  const request = verdict.request;
  const blocks: Block[] = [header(requestHeadline(request, HEADER_TEXT_MAX))];
  if (verdict.type === 'error') {
    blocks.push(verbatimSection(`⛔ *Cannot be done on ${escapeMrkdwn(request.cluster)}*\n✗ ${code(verdict.rule, 80)}: ${escapeMrkdwn(verdict.message)}`));
  } else {
    blocks.push(section(`${HEADLINE[verdict.verdict]}${request.dryRun ? ' (dry run: nothing is changed)' : ''}`));
    blocks.push(...packLines(reasonLines(verdict.reasons), MAX_REASON_BLOCKS, (k) => `… and ${plural(k, 'more reason')}`).map((text) => verbatimSection(text)));
    verdict.questions.slice(0, MAX_QUESTIONS).forEach((q, i) => blocks.push(...questionBlocks(input, q, i, interactive)));
    if (verdict.questions.length > MAX_QUESTIONS) blocks.push(section(`… and ${plural(verdict.questions.length - MAX_QUESTIONS, 'more question')}: answer the ones above first`));
    if (verdict.changes !== undefined) blocks.push(...changeBlocks(verdict.changes));
  }
  // Show plan stays after a decision: what was approved or rejected can still be read.
  if (plan !== undefined) blocks.push(verbatimSection(glanceLines(input, plan).join('\n'), showPlanButton(input, plan)));
  blocks.push(...planProblemBlocks(input));
  const approvable = interactive && approvablePlan(input) !== undefined;
  const asked = approvable ? approversLine(input) : undefined;
  if (asked !== undefined) blocks.push(section(asked));
  if (interactive) blocks.push(...decisionBlocks(input));
  const footer = [`Request ${code(input.requestId, 200)}`];
  if (plan !== undefined) footer.push(`plan ${code(shortHash(plan.hash))}`);
  if (interactive && verdict.type === 'verdict' && verdict.verdict === 'needs-confirmation') footer.push(`${mention(input.requestedBy)} answers; the verdict is then re-evaluated here`);
  else if (approvable) footer.push(approvalRule(input));
  blocks.push(verbatimContext(`*Requested by* ${mention(input.requestedBy)} · ${code(`/liferay ${describeRequest(request)}`, 2800)}`, footer.join(' · ')));
  return blocks;
}

/** The channel message for a request: what and where, the verdict and why, the plan at a glance, who is asked, and the buttons. */
export function verdictMessage(input: VerdictMessageInput): SlackMessage {
  return { text: verdictSummary(input, true), blocks: verdictBlocks(input, true) };
}
