import type { NodeTarget } from '../app/ports.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import type { ClusterConfig } from './cluster-config.ts';

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
