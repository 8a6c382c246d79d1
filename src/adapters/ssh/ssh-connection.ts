import { readFile } from 'node:fs/promises';
import { NodeSSH } from 'node-ssh';
import type { Config } from 'node-ssh';
import { CodedError } from '../../domain/coded-error.ts';
import type { NodeTarget } from '../../app/ports.ts';
import { fingerprintOf, normalizeFingerprint } from './host-key-fingerprint.ts';
import { toConnectError } from './ssh-connect-error.ts';
import type { HostKeyCheck } from './ssh-connect-error.ts';
import { messageOf } from '../../domain/message-of.ts';
import { errnoOf } from '../../domain/errno-of.ts';

/** One authenticated node-ssh connection whose host key matched its pin; notices when it drops. */
export class SshConnection {
  private lostReason: string | undefined;
  private readonly lostListeners = new Set<(reason: string) => void>();

  private constructor(readonly ssh: NodeSSH) {
    const client = ssh.connection;
    if (client === null) {
      this.lostReason = 'not connected';
      return;
    }
    // node-ssh removes its own 'error' listener once ready: without ours a late error would crash.
    client.on('error', (error: Error) => this.markLost(error.message));
    client.on('end', () => this.markLost('connection ended by the server'));
    client.on('close', () => this.markLost('connection closed'));
  }

  static async open(target: NodeTarget, options: { readonly keepaliveIntervalMs: number }): Promise<SshConnection> {
    const hostKey: HostKeyCheck = { expected: normalizeFingerprint(target.hostKeySha256), refused: false };
    const config: Config = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: target.connectTimeoutMs,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      // No `hostHash`: ssh2 hands over the raw host key blob, which we fingerprint ourselves.
      hostVerifier: (key: Buffer): boolean => {
        hostKey.seen = fingerprintOf(key);
        const ok = hostKey.seen === hostKey.expected;
        if (!ok) hostKey.refused = true;
        return ok;
      },
    };
    if (target.privateKeyPath !== undefined) {
      try {
        config.privateKey = await readFile(target.privateKeyPath, 'utf8');
      } catch (error) {
        throw new CodedError(
          'key_unreadable',
          `${target.name}: cannot read private key ${target.privateKeyPath} (${errnoOf(error) ?? messageOf(error)})`,
          { node: target.name, path: target.privateKeyPath },
        );
      }
    } else {
      const agent = process.env['SSH_AUTH_SOCK'];
      if (agent === undefined || agent === '') {
        throw new CodedError('auth_failed', `${target.name}: no private key configured and no SSH agent (SSH_AUTH_SOCK) available`, {
          node: target.name,
        });
      }
      config.agent = agent;
    }

    const ssh = new NodeSSH();
    try {
      await ssh.connect(config);
    } catch (error) {
      ssh.connection?.destroy();
      ssh.dispose();
      throw toConnectError(error, target, hostKey);
    }
    return new SshConnection(ssh);
  }

  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  get reason(): string | undefined {
    return this.lostReason;
  }

  /** Called once when the connection drops (or at once if it already has). Returns an unsubscribe. */
  onLost(listener: (reason: string) => void): () => void {
    if (this.lostReason !== undefined) {
      listener(this.lostReason);
      return () => undefined;
    }
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  close(): void {
    this.markLost('closed by us');
    this.ssh.dispose();
  }

  private markLost(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    for (const listener of [...this.lostListeners]) listener(reason);
    this.lostListeners.clear();
  }
}
