import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { parseJavaVersion } from '../domain/liferay/java-version.ts';
import { factText, type NodeFacts } from '../domain/liferay/node-facts.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';

const javaKey = (java: string): string => parseJavaVersion(java)?.normalized ?? java;

/**
 * The runner's preflight check: one line per node whose probe is not what the verdict assumed for
 * that node (installed patches, Java; a fact either side does not know is not compared), or that
 * was not probed at all. Empty when every node is as assumed. Nodes probed but not in `expected`
 * are not judged. Pure.
 */
export function preflightMismatch(expected: NodeFacts, probed: ReadonlyMap<string, ClusterFacts>): string[] {
  const lines: string[] = [];
  for (const [node, assumed] of Object.entries(expected)) {
    const found = probed.get(node);
    if (found === undefined) {
      lines.push(`${node}: not probed`);
      continue;
    }
    const problems: string[] = [];
    const assumedPatches = factText(assumed, 'patches');
    const foundPatches = factText(found, 'patches');
    if (assumedPatches !== undefined && foundPatches !== undefined && assumedPatches !== foundPatches) {
      problems.push(`the verdict assumed patches ${assumedPatches || 'none'} but it reports ${foundPatches || 'none'}`);
    }
    if (assumed.java !== undefined && found.java !== undefined && javaKey(assumed.java) !== javaKey(found.java)) {
      problems.push(`the verdict assumed Java ${assumed.java} but it runs ${found.java}`);
    }
    if (problems.length > 0) lines.push(`${node}: ${problems.join('; ')}`);
  }
  return lines;
}

/**
 * What the verdict assumed of each node of a plan: the plan's own `nodeFacts`, or, for a plan
 * stored before plans carried them, the record's cluster-wide facts for every node the plan names
 * (changed and skipped). For the runner: `preflightMismatch(expectedNodeFacts(plan, input.expectedFacts), probed)`.
 */
export function expectedNodeFacts(plan: RolloutPlan, clusterFacts: ClusterFacts | undefined): NodeFacts {
  const own = (plan as Partial<Pick<RolloutPlan, 'nodeFacts'>>).nodeFacts;
  if (own !== undefined && Object.keys(own).length > 0) return own;
  const nodes = [...new Set(plan.steps.map((s) => s.node))];
  return Object.fromEntries(nodes.map((n) => [n, clusterFacts ?? {}]));
}
