import { parseJavaVersion } from '../../domain/liferay/java-version.ts';
import { parsePatchingToolInfo } from '../../domain/liferay/patching-tool-info.ts';
import { probeCommand } from '../../domain/plan/node-commands.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { type StepOutcome } from '../step-outcome.ts';

/** Reads the node's installed patches (patching-tool info) and Java version. */
export async function probeNode(ctx: NodeContext): Promise<StepOutcome> {
  const probed = await runChecked(ctx, probeCommand(ctx.paths), { timeoutMs: 120_000, idempotent: true }, 'probing patches and Java');
  if (!probed.ok) return probed.outcome;
  const [patchPart = '', javaPart = ''] = probed.result.stdout.split('--- java');
  const info = parsePatchingToolInfo(patchPart);
  const java = /version "([^"]+)"/.exec(javaPart)?.[1];
  const facts: ClusterFacts = {
    ...(info === undefined ? {} : { patches: [...info.installed] }),
    ...(java === undefined || parseJavaVersion(java) === undefined ? {} : { java }),
  };
  const detail = `patches: ${info === undefined ? 'no patching tool' : info.installed.join(', ') || 'none'}; Java: ${java ?? 'not found'}`;
  return { ok: true, detail, facts };
}

/**
 * Differences between nodes' probed facts, as one line per difference (empty when uniform). The
 * current runner's preflight refuses on these; nodes that differ are a state the planner
 * understands, so the preflight should compare each node with what the verdict assumed for it
 * instead (`preflightMismatch`).
 */
export function factDifferences(byNode: ReadonlyMap<string, ClusterFacts>): string[] {
  const out: string[] = [];
  for (const key of ['patches', 'java'] as const) {
    const values = new Map<string, string[]>();
    for (const [node, facts] of byNode) {
      const value = facts[key];
      const text = value === undefined ? 'unknown' : Array.isArray(value) ? [...value].sort().join(', ') || 'none' : value;
      values.set(text, [...(values.get(text) ?? []), node]);
    }
    if (values.size > 1) out.push(`${key} differ: ${[...values].map(([v, nodes]) => `${nodes.join(', ')}: ${v}`).join(' / ')}`);
  }
  return out;
}
