import type { NodeTarget } from './app/ports.ts';
import type { ClusterRuntime } from './app/requests/service-deps.ts';
import type { ClusterConfig, Inventory } from './config/inventory-schema.ts';
import type { ClusterSpec } from './domain/plan/cluster-spec.ts';

/*
 * The loaded inventory as the application's types: used by both composition roots (the bot's and
 * the CLI's). The config only validates and loads; this is where its values meet the app.
 */

/** The planner's view of an inventory cluster (no SSH details). */
export function clusterSpecOf(name: string, cluster: ClusterConfig): ClusterSpec {
  return {
    name,
    product: cluster.product,
    tomcatDir: cluster.tomcatDir,
    health: cluster.health,
    javaHomes: cluster.javaHomes,
    restoreOnFailure: cluster.restoreOnFailure,
    nodes: cluster.nodes.map((n) => ({ name: n.name, host: n.host, healthUrl: n.healthUrl, liferayHome: n.liferayHome, memberName: n.memberName, commands: n.commands })),
  };
}

/** SSH targets of every node, with the pinned host keys. */
export function nodeTargetsOf(cluster: ClusterConfig): Map<string, NodeTarget> {
  return new Map(
    cluster.nodes.map((n) => [
      n.name,
      {
        name: n.name,
        host: n.host,
        port: n.port,
        user: cluster.ssh.user,
        hostKeySha256: n.hostKey,
        connectTimeoutMs: cluster.ssh.connectTimeoutSeconds * 1000,
        ...(cluster.ssh.auth.kind === 'keyFile' ? { privateKeyPath: cluster.ssh.auth.keyFile } : {}),
      },
    ]),
  );
}

/**
 * Every inventory cluster as the services see it. A cluster without channels or approvers (driven
 * only from the CLI) has empty lists: no Slack channel may request, nobody may approve from Slack.
 */
export function clusterRuntimesOf(inventory: Inventory): Map<string, ClusterRuntime> {
  return new Map(
    Object.entries(inventory.clusters).map(([name, cluster]) => [
      name,
      {
        spec: clusterSpecOf(name, cluster),
        targets: nodeTargetsOf(cluster),
        declaredFacts: { ...(cluster.facts ?? {}) },
        eligibility: { allowRollingPatchRelease: cluster.allowRollingPatchRelease },
        afterRestart: cluster.afterRestart,
        notify: cluster.notify,
        production: cluster.production,
        approval: {
          approverUserIds: cluster.approvers.users,
          approverGroupIds: cluster.approvers.groups,
          allowSelfApproval: cluster.allowSelfApproval,
          approvalTtlMinutes: cluster.approvalTtlMinutes,
          channels: cluster.channels,
          cluster: name,
        },
      },
    ]),
  );
}
