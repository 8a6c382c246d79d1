import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CodedError } from '../../../src/domain/coded-error.ts';
import { freePort } from './free-port.ts';
import { descendantsOf, hasEnded, killQuietly } from './process-tree.ts';
import { waitUntil } from './wait-until.ts';
import type { NodeSshServer, NodeSshServerOptions } from './node-ssh-server.ts';

const run = promisify(execFile);

export const SSHD_PATH = '/usr/sbin/sshd';

/** True when OpenSSH's server is installed where `startOpensshNodeServer` looks for it. */
export function hasSshd(sshdPath: string = SSHD_PATH): boolean {
  return existsSync(sshdPath);
}

export interface OpensshNodeServerOptions extends NodeSshServerOptions {
  readonly sshdPath?: string;
  readonly startTimeoutMs?: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Resolves when something on the port answers with an SSH banner. */
function sshBannerSeen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => done(false));
  });
}

/**
 * A real OpenSSH `sshd -D -e -f <config>` per node on 127.0.0.1 and a random high port, with a
 * host key from ssh-keygen, only the harness's client key authorized, no passwords. Commands run
 * in the user's login shell and home (the executor always `cd`s itself).
 * Throws CodedError `sshd_missing` when sshd is not installed.
 */
export async function startOpensshNodeServer(options: OpensshNodeServerOptions): Promise<NodeSshServer> {
  const sshdPath = options.sshdPath ?? SSHD_PATH;
  if (!hasSshd(sshdPath)) {
    throw new CodedError('sshd_missing', `OpenSSH server not found at ${sshdPath} (apt-get install openssh-server)`, { sshdPath });
  }
  mkdirSync(options.workDir, { recursive: true });
  const hostKeyPath = join(options.workDir, 'ssh_host_ed25519_key');
  const authorizedKeysPath = join(options.workDir, 'authorized_keys');
  const configPath = join(options.workDir, 'sshd_config');
  const pidPath = join(options.workDir, 'sshd.pid');
  const logPath = join(options.workDir, 'sshd.log');

  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${options.name}-host`, '-f', hostKeyPath]);
  const { stdout } = await run('ssh-keygen', ['-lf', `${hostKeyPath}.pub`]);
  const hostKeySha256 = stdout.split(/\s+/)[1] ?? '';
  if (!hostKeySha256.startsWith('SHA256:')) {
    throw new CodedError('sshd_failed', `unexpected ssh-keygen -lf output: ${stdout.trim()}`);
  }
  writeFileSync(authorizedKeysPath, `${options.authorizedKey.trim()}\n`, { mode: 0o600 });
  if (isRoot()) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let port = await freePort();
  const writeConfig = (): void => {
    const lines = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${pidPath}`,
      `AuthorizedKeysFile ${authorizedKeysPath}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `AllowUsers ${options.user}`,
      isRoot() ? 'PermitRootLogin prohibit-password' : 'PermitRootLogin no',
      'MaxStartups 50',
      'MaxSessions 50',
      'LogLevel INFO',
    ];
    writeFileSync(configPath, `${lines.join('\n')}\n`);
  };

  let daemon: ChildProcess | undefined;

  const spawnDaemon = async (): Promise<void> => {
    const log = createWriteStream(logPath, { flags: 'a' });
    const child = spawn(sshdPath, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    // Set by the child's events while the loop below waits (a property, so the compiler does not take it for always false).
    const seen = { exited: false };
    child.once('exit', () => {
      seen.exited = true;
    });
    child.once('error', () => {
      seen.exited = true;
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
    while (!seen.exited && Date.now() < deadline) {
      if (await sshBannerSeen(port)) {
        daemon = child;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    killQuietly(child.pid ?? -1, 'SIGKILL');
    const logText = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-10).join('\n') : '';
    throw new CodedError('sshd_failed', `sshd for ${options.name} did not come up on 127.0.0.1:${port}`, { log: logText });
  };

  const start = async (): Promise<void> => {
    if (daemon !== undefined) return;
    writeConfig();
    try {
      await spawnDaemon();
    } catch (error) {
      // The port picked may have been taken meanwhile: one more try on a fresh one.
      if (!(error instanceof CodedError) || error.code !== 'sshd_failed') throw error;
      port = await freePort();
      writeConfig();
      await spawnDaemon();
    }
  };

  /** Kills the per-connection sshd processes and what they run; the listener stays. */
  const dropConnections = async (): Promise<void> => {
    if (daemon?.pid === undefined) return;
    const pids = descendantsOf(daemon.pid);
    for (const pid of pids) killQuietly(pid, 'SIGKILL');
    await waitUntil(() => pids.every(hasEnded), { timeoutMs: 30_000, intervalMs: 10, what: `the SSH connections of ${options.name} to end` });
  };

  const stop = async (): Promise<void> => {
    const child = daemon;
    daemon = undefined;
    if (child?.pid === undefined) return;
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
      else child.once('exit', resolve);
    });
    for (const pid of descendantsOf(child.pid)) killQuietly(pid, 'SIGKILL');
    killQuietly(child.pid, 'SIGKILL');
    await exited;
  };

  await start();
  return {
    kind: 'openssh',
    get port() {
      return port;
    },
    hostKeySha256,
    dropConnections,
    start,
    stop,
    close: stop,
  };
}
