import { z } from 'zod';
import { HealthUrl } from './health-url.ts';
import { HostKeyFingerprint } from './host-key-fingerprint.ts';
import { HostName } from './host-name.ts';
import { InventoryName } from './inventory-name.ts';
import { Port } from './port.ts';

/**
 * One node of a cluster. In the inventory `port` (default: the cluster's `ssh.port`) and
 * `healthUrl` (default: the cluster's `health.url`) may be left out; once loaded, `{host}` in
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
  })
  .strict();
export type NodeConfig = z.infer<typeof NodeConfig>;
