import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server as NetServer, Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection, ServerChannel } from 'ssh2';
import { freePort } from './free-port.ts';
import { generateSshKeyPair } from './ssh-key-pair.ts';
import type { NodeSshServer, NodeSshServerOptions } from './node-ssh-server.ts';

const { Server, utils } = ssh2;

/** The environment commands get: small and predictable, never the test runner's own. */
export function nodeCommandEnv(home: string, user: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: user,
    LOGNAME: user,
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * An SSH server built on ssh2's Server: publickey auth for one user and one key (signature
 * verified), `exec` only (no shell, pty or SFTP). Each command runs as `bash -c <command>` in its
 * own process group with cwd = LIFERAY_HOME; stdin is piped through, exit codes and signals are
 * forwarded, and a channel closed early kills the process group.
 */
export async function startSsh2NodeServer(options: NodeSshServerOptions): Promise<NodeSshServer> {
  const hostKey = generateSshKeyPair(`${options.name}-host`);
  const allowed = utils.parseKey(options.authorizedKey);
  if (allowed instanceof Error) throw allowed;
  const allowedBlob = allowed.getPublicSSH();
  const env = nodeCommandEnv(options.home, options.user);

  const sockets = new Set<Socket>();
  const children = new Set<ChildProcess>();

  const runExec = (channel: ServerChannel, command: string, onSpawn: (child: ChildProcess) => void): void => {
    const child = spawn('bash', ['-c', command], { cwd: options.home, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    onSpawn(child);
    child.stdin.on('error', () => undefined);
    channel.on('error', () => undefined);
    channel.pipe(child.stdin);
    child.stdout.pipe(channel, { end: false });
    child.stderr.pipe(channel.stderr, { end: false });
    let done = false;
    child.on('error', (error) => {
      done = true;
      children.delete(child);
      channel.stderr.write(`${error.message}\n`);
      channel.exit(127);
      channel.end();
    });
    child.on('close', (code, signal) => {
      if (done) return;
      done = true;
      children.delete(child);
      if (signal !== null) channel.exit(signal.replace(/^SIG/, ''), false, '');
      else channel.exit(code ?? 0);
      channel.end();
    });
    channel.on('close', () => {
      if (!done) killGroup(child, 'SIGKILL');
    });
  };

  /** ssh2 passes no accept or reject for a request that wants no reply (@types/ssh2 says they are always there). */
  type Reply = (() => void) | undefined;

  const onClient = (client: Connection): void => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== options.user || !ctx.key.data.equals(allowedBlob)) {
        ctx.reject(['publickey']);
        return;
      }
      if (ctx.signature === undefined || ctx.blob === undefined) {
        ctx.accept(); // the client only asked whether this key would do; it signs next
        return;
      }
      // ssh2's verify answers an Error (not false) when it cannot verify; @types/ssh2 says boolean.
      const verified = allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) as boolean | Error;
      if (verified !== true) {
        ctx.reject(['publickey']);
        return;
      }
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let running: ChildProcess | undefined;
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          runExec(channel, info.command, (child) => {
            running = child;
          });
        });
        session.on('signal', (accept: Reply, _reject, info) => {
          if (running !== undefined) killGroup(running, `SIG${info.name}` as NodeJS.Signals);
          accept?.();
        });
        session.on('env', (accept: Reply) => accept?.());
        session.on('pty', (_accept, reject: Reply) => reject?.());
        session.on('shell', (_accept, reject) => reject());
        session.on('sftp', (_accept, reject) => reject());
        session.on('subsystem', (_accept, reject) => reject());
      });
    });
  };

  const ssh = new Server({ hostKeys: [hostKey.privateKey] }, onClient);
  let net: NetServer | undefined;
  let port = 0;

  const dropConnections = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const start = async (): Promise<void> => {
    if (net !== undefined) return;
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      ssh.injectSocket(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address !== null) port = address.port;
    net = server;
  };
  const stop = async (): Promise<void> => {
    const server = net;
    net = undefined;
    await dropConnections();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  port = await freePort();
  try {
    await start();
  } catch {
    port = await freePort(); // taken meanwhile: one more try
    await start();
  }
  return {
    kind: 'ssh2',
    get port() {
      return port;
    },
    hostKeySha256: hostKey.fingerprint,
    dropConnections,
    start,
    stop,
    async close() {
      await stop();
      for (const child of children) killGroup(child, 'SIGKILL');
      children.clear();
    },
  };
}
