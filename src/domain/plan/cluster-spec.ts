import type { ProductId } from '../liferay/cluster-facts.ts';

/** One node as the planner sees it. */
export interface NodeSpec {
  readonly name: string;
  readonly host: string;
  readonly healthUrl: string;
  /** This node's LIFERAY_HOME (usually the same on every node). */
  readonly liferayHome: string;
  /** Its name in JGroups views, without Liferay's `-<number>` suffix (see isNodeMember). */
  readonly memberName: string;
  /** Operator-written shell text (from the inventory), run as they are. */
  readonly commands: NodeCommands;
}

export interface NodeCommands {
  readonly stop: string;
  readonly forceStop: string;
  readonly start: string;
  readonly drain?: string | undefined;
  readonly enable?: string | undefined;
}

/** What the planner needs of a cluster (the inventory's cluster after defaults, without SSH secrets). */
export interface ClusterSpec {
  readonly name: string;
  readonly product: ProductId;
  /** Relative to each node's liferayHome, e.g. `tomcat-9.0.83`. */
  readonly tomcatDir: string;
  readonly health: {
    readonly startupLogLine: string;
    readonly expectClusterMembers: number;
    readonly stopTimeoutSeconds: number;
    readonly startTimeoutSeconds: number;
    readonly healthTimeoutSeconds: number;
    readonly clusterTimeoutSeconds: number;
    /** How long a node's cluster view must hold before it counts as back in the cluster (see clusterGate). */
    readonly clusterSettleSeconds: number;
  };
  /** Java major -> JAVA_HOME on the nodes. */
  readonly javaHomes: Readonly<Record<string, string>>;
  readonly restoreOnFailure: boolean;
  readonly nodes: readonly NodeSpec[];
}
