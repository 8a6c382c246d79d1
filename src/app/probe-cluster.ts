import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import { nodePaths } from '../domain/plan/node-paths.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import type { NodeTarget } from './ports.ts';
import { ensureSession } from './steps/execute-step.ts';
import { factDifferences, probeNode } from './steps/probe-node.ts';

/**
 * What the nodes run now (installed patches, Java), read over SSH from every node in parallel.
 * An unreachable node, a refused host key or nodes that differ is an error naming the node.
 */
export async function probeCluster(cluster: ClusterSpec, targets: ReadonlyMap<string, NodeTarget>, deps: Pick<StepDeps, 'executor'>): Promise<Result<ClusterFacts, string>> {
  const results = await Promise.all(
    cluster.nodes.map(async (spec) => {
      const target = targets.get(spec.name);
      if (target === undefined) return { node: spec.name, outcome: { ok: false as const, message: `no SSH target for ${spec.name}` } };
      const ctx: NodeContext = { spec, target, paths: nodePaths(spec.liferayHome, cluster.tomcatDir, 'probe'), session: undefined, catalinaOffset: undefined, liferayLog: undefined };
      try {
        const connected = await ensureSession(ctx, deps);
        if (!connected.ok) return { node: spec.name, outcome: connected };
        return { node: spec.name, outcome: await probeNode(ctx) };
      } finally {
        await ctx.session?.close().catch(() => undefined);
      }
    }),
  );
  const failures = results.flatMap((r) => (r.outcome.ok ? [] : [r.outcome.message]));
  if (failures.length > 0) return err(failures.join('; '));
  const byNode = new Map(results.map((r) => [r.node, r.outcome.ok ? (r.outcome.facts ?? {}) : {}]));
  const differences = factDifferences(byNode);
  if (differences.length > 0) return err(`the nodes of ${cluster.name} differ: ${differences.join('; ')}`);
  return ok(byNode.values().next().value ?? {});
}
