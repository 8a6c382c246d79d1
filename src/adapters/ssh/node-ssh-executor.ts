import type { NodeExecutor, NodeSession, NodeTarget } from '../../app/ports.ts';
import { NodeSshSession } from './node-ssh-session.ts';
import type { NodeSshSessionSettings } from './node-ssh-session.ts';
import { SshConnection } from './ssh-connection.ts';

export interface NodeSshExecutorOptions {
  /** Pause before each reconnect attempt (its length is the number of attempts). Default 0.5 s, 1 s, 2 s. */
  readonly reconnectDelaysMs?: readonly number[];
  /** Output kept per stream and command (the tail). Default 64 KiB. */
  readonly maxOutputBytes?: number;
  /** SSH keepalive, to notice a silently dead connection. Default 10 s (3 missed = dropped). */
  readonly keepaliveIntervalMs?: number;
}

export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [500, 1000, 2000];
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * NodeExecutor over SSH with node-ssh. The host key must match the node's pin (`host_key_mismatch`
 * otherwise); connect fails with `connect_timeout`, `auth_failed`, `key_unreadable`, `unreachable`
 * or `connect_failed`. Sessions throw `step_timeout`, `aborted`, `connection_lost`, `stdin_failed`, `exec_failed`,
 * `session_closed` and `not_a_shell_command`.
 */
export class NodeSshExecutor implements NodeExecutor {
  private readonly settings: NodeSshSessionSettings;

  constructor(options: NodeSshExecutorOptions = {}) {
    this.settings = {
      reconnectDelaysMs: options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS,
      maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? 10_000,
    };
  }

  async connect(target: NodeTarget): Promise<NodeSession> {
    const connection = await SshConnection.open(target, { keepaliveIntervalMs: this.settings.keepaliveIntervalMs });
    return new NodeSshSession(target, connection, this.settings);
  }
}
