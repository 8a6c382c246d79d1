import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import { shownRequestText } from '../../domain/liferay/shown-request-text.ts';

/** The plan for the terminal: strategy, nodes, skipped nodes, every step in order. */
export function formatPlan(plan: RolloutPlan): string {
  const { skipped } = plan;
  const how = plan.strategy === 'rolling' ? 'left running' : 'stopped and started with the others, not changed';
  const lines = [
    `Plan for ${shownRequestText(plan.request)}`,
    `  strategy: ${plan.strategy === 'rolling' ? 'rolling restart, one node at a time' : 'FULL SHUTDOWN: all nodes down, then the first alone, then the rest'}`,
    `  nodes ${skipped.length === 0 ? 'in order' : 'changed, in order'}: ${plan.nodes.join(', ')}`,
    ...(skipped.length === 0 ? [] : [`  skipped (already done; ${how}): ${skipped.map((s) => `${s.node}: ${s.reason}`).join('; ')}`]),
    `  artifacts: ${plan.artifacts.length === 0 ? 'none' : plan.artifacts.map((a) => `${a.file} (sha256 ${a.sha256.slice(0, 12)}…, ${a.bytes} bytes)`).join(', ')}`,
    `  expected duration: about ${plan.expectedMinutes} min`,
    `  plan hash: ${plan.hash}`,
    '',
  ];
  let phase = '';
  plan.steps.forEach((step, i) => {
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push(phase === 'preflight' ? '  Preflight (every node, before any node stops):' : phase === 'node' ? '  Change:' : '  Post-check:');
    }
    lines.push(`    ${String(i + 1).padStart(3)}. [${step.node}] ${step.title}`);
  });
  return `${lines.join('\n')}\n`;
}
