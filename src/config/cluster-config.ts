import { z } from 'zod';
import { ProductId } from '../domain/liferay/cluster-facts.ts';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../domain/approval/approval-policy.ts';
import { ApproversConfig } from './approvers-config.ts';
import { CommandsConfig } from './commands-config.ts';
import { DeclaredFacts } from './declared-facts.ts';
import { HealthConfig } from './health-config.ts';
import { JavaHomes } from './java-homes.ts';
import { NodeConfig } from './node-config.ts';
import { RemoteAbsolutePath } from './remote-absolute-path.ts';
import { SlackChannelId } from './slack-channel-id.ts';
import { SshConfig } from './ssh-config.ts';
import { TomcatDir } from './tomcat-dir.ts';
import { tomcatCommands } from './tomcat-commands.ts';

/** A cluster as written in the inventory: keys with a cluster-dependent default may be left out. */
const ClusterEntry = z
  .object({
    product: ProductId,
    facts: DeclaredFacts.optional(),
    /** Slack channels in which requests for this cluster may be made. */
    channels: z.array(SlackChannelId).min(1, 'expected at least one Slack channel id'),
    approvers: ApproversConfig,
    allowSelfApproval: z.boolean().default(false),
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/**
 * Checks across a cluster's keys. Runs even when parts of the cluster are invalid (so that every
 * problem is reported at once), hence it reads the value as `unknown`.
 */
function checkCluster(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value)) return;
  const nodes = Array.isArray(value['nodes']) ? value['nodes'].map((n: unknown) => (isRecord(n) ? n : {})) : [];
  const ssh = isRecord(value['ssh']) ? value['ssh'] : {};
  const sshPort = typeof ssh['port'] === 'number' ? ssh['port'] : 22;
  const names = nodes.map((n) => (typeof n['name'] === 'string' ? n['name'] : undefined));
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
  const members = isRecord(value['health']) ? value['health']['expectClusterMembers'] : undefined;
  if (typeof members === 'number' && nodes.length > 0 && members > nodes.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['health', 'expectClusterMembers'],
      message: `expected at most ${nodes.length}, the number of nodes in the cluster`,
    });
  }
  const product = ProductId.safeParse(value['product']);
  if (value['allowRollingPatchRelease'] === true && product.success && product.data !== 'dxp-7.4') {
    ctx.addIssue({ code: 'custom', path: ['allowRollingPatchRelease'], message: 'applies to dxp-7.4 clusters only' });
  }
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

function resolveCluster(c: ClusterEntry): ResolvedCluster {
  const tomcat = tomcatCommands(c.liferayHome, c.tomcatDir);
  return {
    ...c,
    commands: {
      ...c.commands,
      stop: c.commands.stop ?? tomcat.stop,
      forceStop: c.commands.forceStop ?? tomcat.forceStop,
      start: c.commands.start ?? tomcat.start,
    },
    health: { ...c.health, expectClusterMembers: c.health.expectClusterMembers ?? c.nodes.length },
    nodes: c.nodes.map((n) => {
      const home = n.liferayHome ?? c.liferayHome;
      const own = tomcatCommands(home, c.tomcatDir);
      return {
        ...n,
        liferayHome: home,
        memberName: n.memberName ?? n.name,
        commands: { ...c.commands, stop: c.commands.stop ?? own.stop, forceStop: c.commands.forceStop ?? own.forceStop, start: c.commands.start ?? own.start },
        port: n.port ?? c.ssh.port,
        healthUrl: (n.healthUrl ?? c.health.url).replaceAll('{host}', urlHost(n.host)),
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
