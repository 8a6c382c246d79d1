import { restartedNodes } from '../../../domain/plan/restarted-nodes.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { PlanStep } from '../../../domain/plan/rollout-step.ts';
import { cutLine } from './cut-text.ts';
import { code, escapeMrkdwn, shortHash } from './mrkdwn.ts';
import { nodeSequence } from './verdict-message.ts';

const MAX_PLAN_LINE_CHARS = 400;
const MAX_NAMES = 20;
const MAX_ARTIFACTS = 5;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function stepLine(step: PlanStep, prefix: string): string {
  return cutLine(`${prefix}${escapeMrkdwn(step.title)}`, MAX_PLAN_LINE_CHARS);
}

/** The nodes that have steps in a phase, in plan order (preflight: every node; a full shutdown also stops the skipped ones). */
function nodesIn(plan: RolloutPlan, phase: PlanStep['phase']): string[] {
  return [...new Set(plan.steps.filter((s) => s.phase === phase).map((s) => s.node))];
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

/**
 * The whole plan as mrkdwn lines (what "Show plan" opens): strategy, nodes in order, skipped nodes
 * and the plan hash, the artifacts, then the first changed node's steps as a template.
 * `minutes`: the expected duration as the message shows it.
 */
export function planLines(plan: RolloutPlan, minutes: string): string[] {
  const first = plan.nodes[0] ?? '';
  const n = plan.nodes.length;
  const down = restartedNodes(plan);
  const changedOnly = plan.skipped.length > 0;
  const summary =
    plan.strategy === 'rolling'
      ? `*Plan:* rolling restart, one node at a time, in this order: ${nodeSequence(plan.nodes)} · ${plural(n, 'node')}${changedOnly ? ' changed' : ''} · ${minutes} · plan ${code(shortHash(plan.hash))}`
      : `*Plan:* ⚠️ *FULL SHUTDOWN*: all ${plural(down.length, 'node')} down together (${nodeSequence(down, ', ')})${changedOnly ? `, ${n} changed` : ''} · ${minutes} · plan ${code(shortHash(plan.hash))}`;
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
