import { z } from 'zod';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../domain/approval/approval-policy.ts';
import { ProductId } from '../domain/liferay/cluster-facts.ts';
import { DEFAULT_CLUSTER_SETTLE_SECONDS } from '../domain/liferay/cluster-gate.ts';
import { tomcatProcess } from '../domain/liferay/tomcat-process.ts';
import {
  DeclaredFacts,
  HealthUrl,
  HOST_PLACEHOLDER,
  HostKeyFingerprint,
  HostName,
  InventoryName,
  isRecord,
  JavaHomes,
  LocalPath,
  Port,
  RemoteAbsolutePath,
  SettleSeconds,
  SingleLineText,
  SlackChannelId,
  SlackUserGroupId,
  SlackUserId,
  TimeoutSeconds,
  TomcatDir,
} from './inventory-scalars.ts';

/*
 * The inventory file's objects, from a cluster's parts up to the whole file. Schema and type share
 * a name; every default is filled in once the file is loaded (no optional field where a default
 * exists).
 */

/**
 * Who may approve a cluster's requests from Slack: Slack users and members of Slack user groups.
 * Left out (a cluster driven only from the CLI), nobody may approve from Slack.
 */
export const ApproversConfig = z
  .object({
    users: z.array(SlackUserId).default([]),
    groups: z.array(SlackUserGroupId).default([]),
  })
  .strict()
  .refine(
    (a) => a.users.length + a.groups.length > 0,
    'expected at least one approver: a user (U…) or a user group (S…); leave approvers out when nobody approves from Slack',
  );
export type ApproversConfig = z.infer<typeof ApproversConfig>;

/**
 * Shell command lines run on a node (operator-written text). In the inventory `stop`, `forceStop`
 * and `start` may be left out: the Tomcat bundle's defaults (the domain's `tomcatProcess`) are filled in.
 */
export const CommandsConfig = z
  .object({
    stop: SingleLineText,
    forceStop: SingleLineText,
    start: SingleLineText,
    /** Load-balancer hook run before `stop`. */
    drain: SingleLineText.optional(),
    /** Hook run once the node is healthy and back in the cluster. */
    enable: SingleLineText.optional(),
  })
  .strict();
export type CommandsConfig = z.infer<typeof CommandsConfig>;

const DEFAULT_HEALTH_URL = 'http://{host}:8080/c/portal/layout';
const DEFAULT_CLUSTER_TIMEOUT_SECONDS = 300;

/**
 * When a node counts as stopped, started, healthy and back in the cluster (LIFERAY.md §4).
 * In the inventory `expectClusterMembers` may be left out: it defaults to the number of nodes.
 */
export const HealthConfig = z
  .object({
    /** Text of the catalina.out line that says the server has started. */
    startupLogLine: SingleLineText.default('Server startup in'),
    /** URL template; `{host}` stands for the node's host. Each node's resolved URL is `NodeConfig.healthUrl`. */
    url: HealthUrl.default(DEFAULT_HEALTH_URL),
    /** JGroups member count to wait for after a node starts: the node's latest views must list it and at least this many members. */
    expectClusterMembers: z.int().min(1, 'expected at least 1'),
    stopTimeoutSeconds: TimeoutSeconds.default(120),
    startTimeoutSeconds: TimeoutSeconds.default(900),
    healthTimeoutSeconds: TimeoutSeconds.default(300),
    clusterTimeoutSeconds: TimeoutSeconds.default(DEFAULT_CLUSTER_TIMEOUT_SECONDS),
    /**
     * How long a node's view must hold (no newer view breaking it) before the node counts as back
     * in the cluster; fractions allowed. Longer for a flapping network; less than clusterTimeoutSeconds.
     */
    clusterSettleSeconds: SettleSeconds.default(DEFAULT_CLUSTER_SETTLE_SECONDS),
  })
  .strict();
export type HealthConfig = z.infer<typeof HealthConfig>;

/**
 * One node of a cluster. In the inventory `port` (default: the cluster's `ssh.port`) and
 * `healthUrl` (default: the cluster's `health.url`) and `memberName` (default: `name`) may be left out; once loaded, `{host}` in
 * `healthUrl` is replaced by the node's host.
 */
export const NodeConfig = z
  .object({
    name: InventoryName,
    host: HostName,
    port: Port,
    /** Pinned host key; required (never trust on first use). */
    hostKey: HostKeyFingerprint,
    healthUrl: HealthUrl,
    /**
     * The node's JGroups member name as its log's `Accepted view` lines show it, without the
     * `-<number>` Liferay appends (default: `name`). Set it when the machine's host name, which
     * Liferay uses, differs from the inventory name.
     */
    memberName: InventoryName,
    /** This node's LIFERAY_HOME when it differs from the cluster's (default: the cluster's). */
    liferayHome: RemoteAbsolutePath,
    /** Filled in from the cluster's commands (Tomcat defaults built from this node's liferayHome). */
    commands: CommandsConfig,
  })
  .strict();
export type NodeConfig = z.infer<typeof NodeConfig>;

/**
 * How the bot logs in to a cluster's nodes. YAML: `{ user, keyFile | agent: true, port, connectTimeoutSeconds }`;
 * loaded as `auth`, either a key file (path on the bot's machine) or the SSH agent.
 * `port` is the default for nodes that do not set their own.
 */
export const SshConfig = z
  .object({
    user: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'expected a user name on the nodes, like liferay'),
    keyFile: LocalPath.optional(),
    agent: z.boolean().default(false),
    port: Port.default(22),
    connectTimeoutSeconds: TimeoutSeconds.default(20),
  })
  .strict()
  .superRefine((ssh, ctx) => {
    if (ssh.keyFile !== undefined && ssh.agent) {
      ctx.addIssue({ code: 'custom', path: ['agent'], message: 'set either keyFile or agent: true, not both' });
    }
    if (ssh.keyFile === undefined && !ssh.agent) {
      ctx.addIssue({ code: 'custom', message: 'set keyFile (a private key file) or agent: true (use SSH_AUTH_SOCK)' });
    }
  })
  .transform(({ keyFile, agent: _agent, ...rest }) => {
    const auth: { kind: 'agent' } | { kind: 'keyFile'; keyFile: string } =
      keyFile === undefined ? { kind: 'agent' } : { kind: 'keyFile', keyFile };
    return { ...rest, auth };
  });
export type SshConfig = z.infer<typeof SshConfig>;

/** A cluster as written in the inventory: keys with a cluster-dependent default may be left out. */
const ClusterEntry = z
  .object({
    product: ProductId,
    facts: DeclaredFacts.optional(),
    /** Slack channels in which requests for this cluster may be made; left out, none (a cluster driven only from the CLI). */
    channels: z
      .array(SlackChannelId)
      .min(1, 'expected at least one Slack channel id; leave channels out for a cluster driven only from the CLI')
      .default([]),
    approvers: ApproversConfig.default({ users: [], groups: [] }),
    allowSelfApproval: z.boolean().default(false),
    /**
     * How the approvers hear of a request that waits for them: `mention` (named in the message, so
     * Slack notifies them), `dm` (named, and each approver user gets a direct message with a link;
     * user groups are mentioned), `none` (named without a notification).
     */
    notify: z.enum(['mention', 'dm', 'none']).default('mention'),
    /** A production cluster: Approve asks "are you sure?" in a confirm dialog before anything runs. */
    production: z.boolean().default(false),
    approvalTtlMinutes: z
      .int()
      .min(1, 'expected 1 to 10080 minutes')
      .max(10_080, 'expected 1 to 10080 minutes')
      .default(DEFAULT_APPROVAL_TTL_MINUTES),
    /** Operator opt-in: 7.4 patch releases within one quarter by rolling restart (LIFERAY.md §1). */
    allowRollingPatchRelease: z.boolean().default(false),
    liferayHome: RemoteAbsolutePath,
    tomcatDir: TomcatDir.default('tomcat'),
    ssh: SshConfig,
    commands: CommandsConfig.partial({ stop: true, forceStop: true, start: true }).prefault({}),
    health: HealthConfig.partial({ expectClusterMembers: true }).prefault({}),
    javaHomes: JavaHomes.default({}),
    /** On a failed step, put the node's previous files back and start it again. */
    restoreOnFailure: z.boolean().default(true),
    /**
     * After the bot restarts in the middle of a rollout (or a graceful shutdown paused it): go on by
     * itself when every completed node still verifies (`resume`), or bring the nodes back up and wait
     * for someone to choose (`ask`).
     */
    afterRestart: z.enum(['resume', 'ask']).default('resume'),
    nodes: z.array(NodeConfig.omit({ commands: true }).partial({ port: true, healthUrl: true, liferayHome: true, memberName: true })).min(1, 'expected at least one node'),
  })
  .strict();
type ClusterEntry = z.infer<typeof ClusterEntry>;

type ResolvedCluster = Omit<ClusterEntry, 'commands' | 'health' | 'nodes'> & {
  commands: CommandsConfig;
  health: HealthConfig;
  nodes: NodeConfig[];
};

const stringOr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Indexes of items whose key was already seen, with the first index of that key; undefined keys are skipped. */
function duplicates(keys: ReadonlyArray<string | undefined>): Array<{ index: number; first: number; key: string }> {
  const seen = new Map<string, number>();
  return keys.flatMap((key, index) => {
    if (key === undefined) return [];
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return [];
    }
    return [{ index, first, key }];
  });
}

type RawNode = Record<string, unknown>;

/** The same pin on two machines is a copy-paste mistake (two nodes on one host may share its key). */
function checkHostKeys(nodes: readonly RawNode[], ctx: z.RefinementCtx): void {
  const firstOf = new Map<string, { index: number; host: string | undefined }>();
  nodes.forEach((n, index) => {
    const key = stringOr(n['hostKey']);
    if (key === undefined) return;
    const host = stringOr(n['host'])?.toLowerCase();
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, { index, host });
    } else if (first.host !== host) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', index, 'hostKey'],
        message: `same host key as nodes[${first.index}] on another host (a copy-paste mistake? every machine has its own key)`,
      });
    }
  });
}

/** In a cluster of several nodes, a health URL without `{host}` used by two nodes probes one node for both. */
function checkHealthUrls(nodes: readonly RawNode[], health: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (nodes.length < 2) return;
  const clusterUrl = stringOr(health['url']) ?? DEFAULT_HEALTH_URL;
  const users = new Map<string, Array<{ index: number; own: boolean }>>();
  nodes.forEach((n, index) => {
    const own = stringOr(n['healthUrl']);
    const url = own ?? clusterUrl;
    if (url.includes(HOST_PLACEHOLDER)) return;
    users.set(url, [...(users.get(url) ?? []), { index, own: own !== undefined }]);
  });
  for (const group of users.values()) {
    const [first, second] = group;
    if (first === undefined || second === undefined) continue;
    if (group.some((u) => !u.own)) {
      ctx.addIssue({
        code: 'custom',
        path: ['health', 'url'],
        message: `has no {host}: ${group.length} nodes would probe the same URL (put {host} in it, or give each node its own healthUrl)`,
      });
    } else {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', second.index, 'healthUrl'],
        message: `same health URL as nodes[${first.index}] and no {host} in it: both nodes would probe the same URL`,
      });
    }
  }
}

/**
 * Checks across a cluster's keys. Runs even when parts of the cluster are invalid (so that every
 * problem is reported at once), hence it reads the value as `unknown`.
 */
function checkCluster(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value)) return;
  const nodes = Array.isArray(value['nodes']) ? value['nodes'].map((n: unknown) => (isRecord(n) ? n : {})) : [];
  const ssh = isRecord(value['ssh']) ? value['ssh'] : {};
  const health = isRecord(value['health']) ? value['health'] : {};
  const sshPort = typeof ssh['port'] === 'number' ? ssh['port'] : 22;
  const names = nodes.map((n) => stringOr(n['name']));
  for (const d of duplicates(names)) {
    ctx.addIssue({ code: 'custom', path: ['nodes', d.index, 'name'], message: `duplicate node name "${d.key}" (also nodes[${d.first}])` });
  }
  const hostPorts = nodes.map((n) => {
    const port = typeof n['port'] === 'number' ? n['port'] : sshPort;
    return typeof n['host'] === 'string' ? `${n['host'].toLowerCase()}:${port}` : undefined;
  });
  for (const d of duplicates(hostPorts)) {
    ctx.addIssue({ code: 'custom', path: ['nodes', d.index, 'host'], message: `duplicate host:port ${d.key} (also nodes[${d.first}])` });
  }
  checkHostKeys(nodes, ctx);
  checkHealthUrls(nodes, health, ctx);
  const members = health['expectClusterMembers'];
  if (typeof members === 'number' && nodes.length > 0 && members > nodes.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['health', 'expectClusterMembers'],
      message: `expected at most ${nodes.length}, the number of nodes in the cluster`,
    });
  }
  const settle = health['clusterSettleSeconds'];
  const clusterTimeout = typeof health['clusterTimeoutSeconds'] === 'number' ? health['clusterTimeoutSeconds'] : DEFAULT_CLUSTER_TIMEOUT_SECONDS;
  if (typeof settle === 'number' && Number.isFinite(settle) && settle >= clusterTimeout) {
    ctx.addIssue({
      code: 'custom',
      path: ['health', 'clusterSettleSeconds'],
      message: `expected less than clusterTimeoutSeconds (${clusterTimeout}): the view must have held within that time`,
    });
  }
  const product = ProductId.safeParse(value['product']);
  if (value['allowRollingPatchRelease'] === true && product.success && product.data !== 'dxp-7.4') {
    ctx.addIssue({ code: 'custom', path: ['allowRollingPatchRelease'], message: 'applies to dxp-7.4 clusters only' });
  }
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** The cluster's commands, each left-out one taken from the Tomcat bundle at `liferayHome`. */
function commandsAt(commands: ClusterEntry['commands'], liferayHome: string, tomcatDir: string): CommandsConfig {
  const tomcat = tomcatProcess(liferayHome, tomcatDir);
  return { ...commands, stop: commands.stop ?? tomcat.stop, forceStop: commands.forceStop ?? tomcat.forceStop, start: commands.start ?? tomcat.start };
}

function resolveCluster(c: ClusterEntry): ResolvedCluster {
  return {
    ...c,
    commands: commandsAt(c.commands, c.liferayHome, c.tomcatDir),
    health: { ...c.health, expectClusterMembers: c.health.expectClusterMembers ?? c.nodes.length },
    nodes: c.nodes.map((n) => {
      const home = n.liferayHome ?? c.liferayHome;
      return {
        ...n,
        liferayHome: home,
        memberName: n.memberName ?? n.name,
        commands: commandsAt(c.commands, home, c.tomcatDir),
        port: n.port ?? c.ssh.port,
        healthUrl: (n.healthUrl ?? c.health.url).replaceAll(HOST_PLACEHOLDER, urlHost(n.host)),
      };
    }),
  };
}

/**
 * One cluster of the inventory, with every default applied: Tomcat commands from `liferayHome`
 * and `tomcatDir`, `health.expectClusterMembers` = number of nodes, each node's `port` and
 * `healthUrl` from `ssh.port` and `health.url`.
 */
export const ClusterConfig = ClusterEntry.superRefine(checkCluster, { when: () => true }).transform(resolveCluster);
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** The inventory file: global settings and the clusters by name. */
export const Inventory = z
  .object({
    /** Where module/plugin/patch files are taken from, on the bot's machine. */
    artifactDir: LocalPath,
    /** Extra non-revertible catalog file (JSON), added to the shipped one. */
    catalog: LocalPath.optional(),
    clusters: z
      .record(InventoryName, ClusterConfig)
      .refine((clusters) => Object.keys(clusters).length > 0, 'expected at least one cluster'),
  })
  .strict();
export type Inventory = z.infer<typeof Inventory>;
