import type { ProductId } from '../../src/domain/liferay/cluster-facts.ts';
import type { ClusterSpec } from '../../src/domain/plan/cluster-spec.ts';

/** Fluent builder for planner tests: `aCluster().withNodes(3).build()`. */
export class ClusterBuilder {
  private spec: ClusterSpec = {
    name: 'prod',
    product: 'dxp-7.1',
    tomcatDir: 'tomcat-9.0.83',
    health: { startupLogLine: 'Server startup in', expectClusterMembers: 3, stopTimeoutSeconds: 120, startTimeoutSeconds: 900, healthTimeoutSeconds: 300, clusterTimeoutSeconds: 300, clusterSettleSeconds: 1 },
    javaHomes: { '8': '/usr/lib/jvm/java-8', '11': '/usr/lib/jvm/java-11' },
    restoreOnFailure: true,
    nodes: [],
  };

  constructor() {
    this.withNodes(3);
  }

  withNodes(count: number): this {
    const nodes = Array.from({ length: count }, (_, i) => ({
      name: `node${i + 1}`,
      host: `10.0.0.${11 + i}`,
      healthUrl: `http://10.0.0.${11 + i}:8080/c/portal/layout`,
      liferayHome: '/opt/liferay',
      memberName: `node${i + 1}`,
      commands: { stop: '/opt/liferay/tomcat-9.0.83/bin/shutdown.sh', forceStop: 'pkill -KILL -f catalina', start: '/opt/liferay/tomcat-9.0.83/bin/startup.sh' },
    }));
    this.spec = { ...this.spec, nodes, health: { ...this.spec.health, expectClusterMembers: count } };
    return this;
  }

  named(name: string): this {
    this.spec = { ...this.spec, name };
    return this;
  }

  onProduct(product: ProductId): this {
    this.spec = { ...this.spec, product };
    return this;
  }

  withHealth(health: Partial<ClusterSpec['health']>): this {
    this.spec = { ...this.spec, health: { ...this.spec.health, ...health } };
    return this;
  }

  withHooks(drain: string, enable: string): this {
    this.spec = { ...this.spec, nodes: this.spec.nodes.map((n) => ({ ...n, commands: { ...n.commands, drain, enable } })) };
    return this;
  }

  build(): ClusterSpec {
    return this.spec;
  }
}

export const aCluster = (): ClusterBuilder => new ClusterBuilder();
