import { z } from 'zod';
import { HealthUrl } from './health-url.ts';
import { HostKeyFingerprint } from './host-key-fingerprint.ts';
import { HostName } from './host-name.ts';
import { InventoryName } from './inventory-name.ts';
import { Port } from './port.ts';
import { CommandsConfig } from './commands-config.ts';
import { RemoteAbsolutePath } from './remote-absolute-path.ts';

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
