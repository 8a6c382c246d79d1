import { nodePaths } from '../../domain/plan/node-paths.ts';
import { isRunningCommand } from '../../domain/plan/node-commands.ts';
import type { NodeContext } from '../node-context.ts';
import { ensureSession } from '../steps/execute-step.ts';
import { probeNode } from '../steps/probe-node.ts';
import type { ServiceDeps } from './service-deps.ts';
import { messageOf } from '../../domain/message-of.ts';

/** One node as a fresh look finds it: reachable? running? healthy? what it runs. */
export interface NodeLook {
  readonly node: string;
  readonly reachable: boolean;
  readonly running: boolean;
  readonly healthy: boolean;
  /** `patches: dxp-14-7110; Java: 1.8.0_292`, or why the node could not be read. */
  readonly detail: string;
}

/** What a look reads: the cluster's nodes and how to reach them, SSH and the HTTP health check. */
export type LookDeps = Pick<ServiceDeps, 'clusters' | 'executor' | 'healthProbe'>;

/**
 * Every node of a cluster, looked at now over SSH and HTTP in parallel (read-only; bounded by the
 * connect time-out): what `status` shows, so "where the nodes stand" never comes from stored events.
 */
export async function lookAtNodes(clusterName: string, deps: LookDeps): Promise<NodeLook[]> {
  const cluster = deps.clusters.get(clusterName);
  if (cluster === undefined) return [];
  return Promise.all(
    cluster.spec.nodes.map(async (spec): Promise<NodeLook> => {
      const target = cluster.targets.get(spec.name);
      if (target === undefined) return { node: spec.name, reachable: false, running: false, healthy: false, detail: 'no SSH target in the inventory' };
      const ctx: NodeContext = { spec, target, paths: nodePaths(spec.liferayHome, cluster.spec.tomcatDir, 'status'), session: undefined, catalinaOffset: undefined, liferayLog: undefined };
      try {
        const connected = await ensureSession(ctx, deps);
        if (!connected.ok || ctx.session === undefined) return { node: spec.name, reachable: false, running: false, healthy: false, detail: connected.ok ? 'not connected' : connected.message };
        const running = (await ctx.session.run(isRunningCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true })).exitCode === 0;
        const answer = running ? await deps.healthProbe.check(spec.healthUrl, 10_000) : undefined;
        const healthy = answer?.ok === true && answer.status === 200;
        const probed = await probeNode(ctx);
        return { node: spec.name, reachable: true, running, healthy, detail: probed.ok ? (probed.detail ?? '') : probed.message };
      } catch (error) {
        return { node: spec.name, reachable: false, running: false, healthy: false, detail: messageOf(error) };
      } finally {
        await ctx.session?.close().catch(() => undefined);
      }
    }),
  );
}

/** `node1 ✅ running, healthy (patches: …)`-style words, channel-neutral. */
export function lookText(look: NodeLook): string {
  const state = !look.reachable ? 'unreachable' : !look.running ? 'stopped' : look.healthy ? 'running, healthy' : 'running, NOT healthy';
  return `${look.node}: ${state}${look.detail === '' ? '' : ` (${look.detail})`}`;
}
