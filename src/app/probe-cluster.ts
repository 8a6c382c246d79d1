import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { commonFacts } from '../domain/liferay/common-facts.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import type { ChangeNeed } from '../domain/plan/change-need.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import { nodePaths } from '../domain/plan/node-paths.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import type { NodeTarget } from './ports.ts';
import { ensureSession } from './steps/execute-step.ts';
import { probeNode } from './steps/probe-node.ts';

export interface ProbedCluster {
  /** What each node runs (installed patches, Java), by node name in inventory order. */
  readonly nodeFacts: NodeFacts;
  /** The facts every node agrees on; a fact the nodes differ in is left out. */
  readonly common: ClusterFacts;
  /** Each node's answer to the `check` given to `probeCluster` (empty without one). */
  readonly needs: ReadonlyMap<string, ChangeNeed>;
}

/** A read-only look at one connected node after its probe (e.g. does it already have a change?). */
export type NodeCheck = (ctx: NodeContext, probed: ClusterFacts) => Promise<ChangeNeed>;

/**
 * What the nodes run now, read over SSH from every node in parallel, node by node: nodes that
 * differ are a result, not an error. With `check`, each node is also asked, in the same session,
 * whether it still needs a change. With `known` (facts kept warm), a node in it is not probed
 * again, only asked the `check`. An unreachable node or a refused host key is an error naming
 * the node.
 */
export async function probeCluster(
  cluster: ClusterSpec,
  targets: ReadonlyMap<string, NodeTarget>,
  deps: Pick<StepDeps, 'executor'>,
  check?: NodeCheck,
  known?: NodeFacts,
): Promise<Result<ProbedCluster, string>> {
  const results = await Promise.all(
    cluster.nodes.map(async (spec) => {
      const target = targets.get(spec.name);
      if (target === undefined) return { node: spec.name, failure: `no SSH target for ${spec.name}` };
      const ctx: NodeContext = { spec, target, paths: nodePaths(spec.liferayHome, cluster.tomcatDir, 'probe'), session: undefined, catalinaOffset: undefined, liferayLog: undefined };
      try {
        const connected = await ensureSession(ctx, deps);
        if (!connected.ok) return { node: spec.name, failure: connected.message };
        const warm = known?.[spec.name];
        const probed = warm === undefined ? await probeNode(ctx) : { ok: true as const, facts: warm };
        if (!probed.ok) return { node: spec.name, failure: probed.message };
        const facts = probed.facts ?? {};
        return { node: spec.name, facts, need: check === undefined ? undefined : await check(ctx, facts) };
      } finally {
        await ctx.session?.close().catch(() => undefined);
      }
    }),
  );
  const failures = results.flatMap((r) => (r.failure === undefined ? [] : [r.failure]));
  if (failures.length > 0) return err(failures.join('; '));
  const nodeFacts: NodeFacts = Object.fromEntries(results.map((r) => [r.node, r.facts ?? {}]));
  const needs = new Map(results.flatMap((r) => (r.need === undefined ? [] : [[r.node, r.need] as const])));
  return ok({ nodeFacts, common: commonFacts(nodeFacts), needs });
}
