import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../domain/coded-error.ts';
import { sh } from '../../domain/shell/shell-command.ts';
import type { ShellCommand } from '../../domain/shell/shell-command.ts';
import type { NodeSession } from '../../app/ports.ts';
import { freePort } from '../../../test/support/local-cluster/free-port.ts';
import { startLocalCluster } from '../../../test/support/local-cluster/local-cluster.ts';
import type { LocalCluster } from '../../../test/support/local-cluster/local-cluster.ts';
import { hasSshd } from '../../../test/support/local-cluster/openssh-node-server.ts';
import { generateSshKeyPair, writeSshKeyPair } from '../../../test/support/local-cluster/ssh-key-pair.ts';
import { waitUntil } from '../../../test/support/local-cluster/wait-until.ts';
import { NodeSshExecutor } from './node-ssh-executor.ts';
import { NodeSshSession } from './node-ssh-session.ts';
import { ifSet } from '../../../test/support/if-set.ts';

/** Whether the session has seen its connection drop (the session keeps it private; only this wait looks at it). */
const connectionOf = (session: NodeSession): { readonly lost: boolean } => {
  if (!(session instanceof NodeSshSession)) throw new Error('expected the executor to give a NodeSshSession');
  return session['connection'];
};

const SERVERS = [
  { kind: 'ssh2', skip: false },
  // Locally skipped only when sshd is missing; in CI (CI=true) a missing sshd fails the suite.
  { kind: 'openssh', skip: !hasSshd() && !process.env['CI'] },
] as const;

const FAST_RECONNECT = [50, 100, 200];

/** Writes `mib` MiB of random bytes to a new file, 1 MiB at a time; returns its sha256. */
function writeRandomFile(path: string, mib: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < mib; i += 1) {
      const chunk = randomBytes(1024 * 1024);
      hash.update(chunk);
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

async function codeOf(promise: Promise<unknown>): Promise<CodedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CodedError) return error;
    throw error;
  }
  throw new Error('expected a CodedError, but the call succeeded');
}

describe.each(SERVERS)('NodeSshExecutor against an $kind server', ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let cluster: LocalCluster;
    let session: NodeSession;
    let scratch: string;
    const executor = new NodeSshExecutor({ reconnectDelaysMs: FAST_RECONNECT });

    beforeAll(async () => {
      cluster = await startLocalCluster({ nodes: 1, name: `exec-${kind}`, sshServer: kind });
      scratch = join(cluster.root, 'scratch');
      mkdirSync(scratch);
      session = await executor.connect(cluster.target('node1'));
    });

    afterAll(async () => {
      await ifSet(session)?.close();
      await ifSet(cluster)?.stop();
    });

    it.each([
      { what: 'stdout and exit 0', command: sh`echo hello`, exitCode: 0, stdout: 'hello\n', stderr: '' },
      { what: 'stderr and exit 3', command: sh`echo oops >&2; exit 3`, exitCode: 3, stdout: '', stderr: 'oops\n' },
      { what: 'both streams, no trailing newline', command: sh`printf out; printf err >&2`, exitCode: 0, stdout: 'out', stderr: 'err' },
      { what: 'exit 255', command: sh`exit 255`, exitCode: 255, stdout: '', stderr: '' },
      { what: 'killed by SIGTERM', command: sh`kill -TERM $$`, exitCode: 143, stdout: '', stderr: '' },
    ])('runs a command: $what', async ({ command, exitCode, stdout, stderr }) => {
      const result = await session.run(command, { timeoutMs: 10_000 });
      expect(result).toMatchObject({ exitCode, stdout, stderr });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('reports a missing command as 127 with its stderr', async () => {
      const result = await session.run(sh`definitely-not-a-command-4711`, { timeoutMs: 10_000 });
      expect(result.exitCode).toBe(127);
      expect(result.stderr).toContain('not found');
    });

    it('uploads a binary file through stdin byte for byte', async () => {
      const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300 * 1024)]);
      const file = join(scratch, `upload-${randomUUID()}.zip`);
      const upload = await session.run(sh`cat > ${file}`, { timeoutMs: 20_000, stdin: new Uint8Array(bytes) });
      expect(upload.exitCode).toBe(0);
      const check = await session.run(sh`sha256sum ${file}`, { timeoutMs: 10_000 });
      expect(check.stdout.split(' ')[0]).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });

    it('streams a 64 MiB file from a stream factory, arriving with the same sha256', async () => {
      const localDir = mkdtempSync(join(tmpdir(), 'ssh-upload-'));
      const remote = join(scratch, `big-${randomUUID()}.zip`);
      try {
        const local = join(localDir, 'big.zip');
        const sha256 = writeRandomFile(local, 64);
        let opened = 0;
        const result = await session.run(sh`cat > ${remote} && sha256sum ${remote}`, {
          timeoutMs: 55_000,
          stdin: () => {
            opened += 1;
            return createReadStream(local);
          },
        });
        expect(result.exitCode).toBe(0);
        expect(result.stdout.split(' ')[0]).toBe(sha256);
        expect(opened).toBe(1);
      } finally {
        rmSync(localDir, { recursive: true, force: true });
        rmSync(remote, { force: true });
      }
    });

    it('fails with stdin_failed when the stream errors midway, without committing the partial file', async () => {
      const part = join(scratch, `partial-${randomUUID()}.part`);
      const final = join(scratch, `partial-${randomUUID()}.zip`);
      const failing = (): Readable => {
        let sent = 0;
        return new Readable({
          read() {
            if (sent < 4) {
              sent += 1;
              this.push(Buffer.alloc(256 * 1024, sent));
            } else {
              this.destroy(new Error('disk read failed'));
            }
          },
        });
      };
      const error = await codeOf(session.run(sh`cat > ${part} && mv ${part} ${final}`, { timeoutMs: 30_000, stdin: failing, idempotent: true }));
      expect(error.code).toBe('stdin_failed');
      expect(error.message).toContain('node1');
      expect(error.message).toContain('disk read failed');
      expect(existsSync(final)).toBe(false);

      const missing = await codeOf(
        session.run(sh`cat > ${part}`, { timeoutMs: 30_000, stdin: () => createReadStream(join(scratch, 'no-such-artifact.zip')) }),
      );
      expect(missing.code).toBe('stdin_failed');
      expect(missing.message).toContain('ENOENT');

      const thrown = await codeOf(
        session.run(sh`cat`, {
          timeoutMs: 30_000,
          stdin: () => {
            throw new Error('cannot open');
          },
        }),
      );
      expect(thrown.code).toBe('stdin_failed');
      expect((await session.run(sh`echo still here`, { timeoutMs: 10_000 })).stdout).toBe('still here\n');
    });

    it('passes string stdin as UTF-8', async () => {
      const result = await session.run(sh`cat`, { timeoutMs: 10_000, stdin: 'Grüße ✓\nline 2\n' });
      expect(result.stdout).toBe('Grüße ✓\nline 2\n');
    });

    it('streams stdout while the command runs', async () => {
      const flag = join(scratch, `flag-${randomUUID()}`);
      const chunks: string[] = [];
      const result = await session.run(sh`echo ready; while [ ! -e ${flag} ]; do sleep 0.05; done; echo done`, {
        timeoutMs: 20_000,
        // The command only finishes once we saw its first line: streaming is the only way out.
        onStdout: (chunk) => {
          chunks.push(chunk);
          if (chunks.join('').includes('ready')) writeFileSync(flag, '');
        },
      });
      expect(result.exitCode).toBe(0);
      expect(chunks.join('')).toBe('ready\ndone\n');
      expect(result.stdout).toBe('ready\ndone\n');
    });

    it('keeps only the last 64 KiB of each stream, streaming all of it', async () => {
      let streamed = 0;
      const result = await session.run(sh`yes a | head -c 200000; echo END; yes b | head -c 100000 >&2`, {
        timeoutMs: 20_000,
        onStdout: (chunk) => {
          streamed += chunk.length;
        },
      });
      expect(result.exitCode).toBe(0);
      expect(result.stdout.length).toBe(64 * 1024);
      expect(result.stdout.endsWith('a\nEND\n')).toBe(true);
      expect(result.stderr.length).toBe(64 * 1024);
      expect(streamed).toBe(200_004);
    });

    it('runs commands of one session concurrently', async () => {
      const results = await Promise.all(
        ['a', 'b', 'c'].map((value) => session.run(sh`sleep 0.2; printf %s ${value}`, { timeoutMs: 10_000 })),
      );
      expect(results.map((r) => r.stdout)).toEqual(['a', 'b', 'c']);
    });

    describe('hostile values passed through sh arrive literally', () => {
      const marker = (): string => join(scratch, 'pwned');
      it.each([
        { what: 'command substitution', value: () => `$(touch ${marker()})` },
        { what: 'backticks', value: () => `\`touch ${marker()}\`` },
        { what: 'semicolon and rm -rf', value: () => `; rm -rf ${scratch}; touch ${marker()}` },
        { what: 'single quotes', value: () => `'; touch ${marker()}; echo '` },
        { what: 'double quotes and variables', value: () => `"$HOME" "$(touch ${marker()})"` },
        { what: 'newline', value: () => `line1\ntouch ${marker()}\n` },
        { what: 'pipes and redirects', value: () => `| tee ${marker()} > ${marker()} &` },
        { what: 'glob', value: () => '*' },
        { what: 'option-like', value: () => '--version' },
        { what: 'backslashes', value: () => 'a\\b\\\\c\\' },
        { what: 'control characters and unicode', value: () => '\t\u001b[31mrot\u001b[0m ✓ Grüße' },
        { what: 'empty', value: () => '' },
      ])('$what', async ({ value }) => {
        const literal = value();
        const result = await session.run(sh`printf %s ${literal}`, { timeoutMs: 10_000 });
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toBe(literal);
        expect(existsSync(marker())).toBe(false);
        expect(existsSync(scratch)).toBe(true);
      });
    });

    it('refuses anything but a ShellCommand', async () => {
      const error = await codeOf(session.run('echo hi' as unknown as ShellCommand, { timeoutMs: 1000 }));
      expect(error.code).toBe('not_a_shell_command');
      const forged = await codeOf(session.run({ text: 'echo hi' } as unknown as ShellCommand, { timeoutMs: 1000 }));
      expect(forged.code).toBe('not_a_shell_command');
    });

    it('times out with step_timeout and the output tail, and the session stays usable', async () => {
      // The time-out counts from the call, channel set-up included: generous enough that a loaded
      // machine still gets the first lines out before it, far below the command's own 30 s.
      const error = await codeOf(session.run(sh`echo partial; echo warn >&2; sleep 30`, { timeoutMs: 2500 }));
      expect(error.code).toBe('step_timeout');
      expect(error.details).toMatchObject({ node: 'node1', timeoutMs: 2500 });
      expect(error.details['stdoutTail']).toContain('partial');
      expect(error.details['stderrTail']).toContain('warn');
      expect((await session.run(sh`echo still here`, { timeoutMs: 10_000 })).stdout).toBe('still here\n');
    });

    it('stops waiting when aborted', async () => {
      const controller = new AbortController();
      const error = await codeOf(
        session.run(sh`echo started; sleep 10`, {
          timeoutMs: 20_000,
          signal: controller.signal,
          onStdout: () => controller.abort(),
        }),
      );
      expect(error.code).toBe('aborted');
      expect(error.details['stdoutTail']).toContain('started');

      const already = AbortSignal.abort();
      expect((await codeOf(session.run(sh`echo never`, { timeoutMs: 1000, signal: already }))).code).toBe('aborted');
    });

    describe('dropped connections', () => {
      const counterRun = (counter: string, idempotent: boolean): Promise<unknown> =>
        session.run(sh`echo run >> ${counter}; sleep 0.5; echo done`, { timeoutMs: 20_000, idempotent });

      const dropWhenStarted = async (counter: string): Promise<void> => {
        // The shell creates the file before it writes the line: wait for the line, or a drop in between loses it.
        await waitUntil(() => existsSync(counter) && readFileSync(counter, 'utf8') === 'run\n', {
          timeoutMs: 10_000,
          what: 'the command to start',
        });
        await cluster.dropConnections('node1');
      };

      it('reconnects and re-runs an idempotent command', async () => {
        const counter = join(scratch, `count-${randomUUID()}`);
        const running = counterRun(counter, true);
        await dropWhenStarted(counter);
        await expect(running).resolves.toMatchObject({ exitCode: 0, stdout: 'done\n' });
        expect(readFileSync(counter, 'utf8')).toBe('run\nrun\n');
      });

      it('re-opens the stdin stream when an idempotent upload is re-run after a drop', async () => {
        const content = randomBytes(4 * 1024 * 1024);
        const final = join(scratch, `retried-${randomUUID()}.zip`);
        let opened = 0;
        const stdin = (): Readable => {
          opened += 1;
          if (opened > 1) return Readable.from([content]);
          // First attempt: sends 1 MiB, then cuts the connection and never ends.
          let sent = false;
          return new Readable({
            read() {
              if (sent) return;
              sent = true;
              this.push(content.subarray(0, 1024 * 1024));
              void cluster.dropConnections('node1');
            },
          });
        };
        const result = await session.run(sh`cat > ${final}.part && mv ${final}.part ${final} && sha256sum ${final}`, {
          timeoutMs: 30_000,
          stdin,
          idempotent: true,
        });
        expect(result.exitCode).toBe(0);
        expect(result.stdout.split(' ')[0]).toBe(createHash('sha256').update(content).digest('hex'));
        expect(opened).toBe(2);
      });

      it('throws connection_lost for a non-idempotent command', async () => {
        const counter = join(scratch, `count-${randomUUID()}`);
        const failure = codeOf(counterRun(counter, false));
        await dropWhenStarted(counter);
        const error = await failure;
        expect(error.code).toBe('connection_lost');
        expect(error.message).toContain('node1');
        expect(readFileSync(counter, 'utf8')).toBe('run\n');
      });

      it('reconnects between commands, even for a non-idempotent one', async () => {
        await session.run(sh`true`, { timeoutMs: 10_000 });
        await cluster.dropConnections('node1');
        // Until the client has noticed the dead socket: the point is the next command, not a race with the drop.
        await waitUntil(() => connectionOf(session).lost, { timeoutMs: 30_000, intervalMs: 10, what: 'the client to notice the dropped connection' });
        const result = await session.run(sh`echo again`, { timeoutMs: 10_000, idempotent: false });
        expect(result.stdout).toBe('again\n');
      });

      it('gives up with connection_lost while the server is down, and recovers once it is back', async () => {
        await cluster.stopSsh('node1');
        try {
          const error = await codeOf(session.run(sh`echo x`, { timeoutMs: 5000, idempotent: true }));
          expect(error.code).toBe('connection_lost');
          expect(error.details['reconnectAttempts']).toBe(FAST_RECONNECT.length);
        } finally {
          await cluster.startSsh('node1');
        }
        expect((await session.run(sh`echo back`, { timeoutMs: 10_000 })).stdout).toBe('back\n');
      });
    });

    describe('connect', () => {
      it('refuses a host whose key does not match the pin, naming both fingerprints', async () => {
        const pinned = generateSshKeyPair('someone-else').fingerprint;
        const seen = cluster.node('node1').hostKeySha256;
        const error = await codeOf(executor.connect(cluster.target('node1', { hostKeySha256: pinned })));
        expect(error.code).toBe('host_key_mismatch');
        expect(error.message).toContain('node1');
        expect(error.message).toContain(pinned);
        expect(error.message).toContain(seen);
        expect(error.details).toMatchObject({ expected: pinned, seen });
      });

      it('accepts a pin written with base64 padding', async () => {
        const padded = await executor.connect(cluster.target('node1', { hostKeySha256: `${cluster.node('node1').hostKeySha256}=` }));
        expect((await padded.run(sh`echo ok`, { timeoutMs: 10_000 })).stdout).toBe('ok\n');
        await padded.close();
      });

      it('fails with auth_failed for a key the server does not know', async () => {
        const keyPath = join(cluster.root, `stranger-${randomUUID()}`);
        writeSshKeyPair(generateSshKeyPair('stranger'), keyPath);
        const error = await codeOf(executor.connect(cluster.target('node1', { privateKeyPath: keyPath })));
        expect(error.code).toBe('auth_failed');
      });

      it('fails with key_unreadable for a missing key file', async () => {
        const error = await codeOf(executor.connect(cluster.target('node1', { privateKeyPath: join(cluster.root, 'no-such-key') })));
        expect(error.code).toBe('key_unreadable');
      });

      it('refuses to run on a closed session', async () => {
        const other = await executor.connect(cluster.target('node1'));
        await other.close();
        expect((await codeOf(other.run(sh`echo x`, { timeoutMs: 1000 }))).code).toBe('session_closed');
      });
    });
  });
});

describe('NodeSshExecutor without a usable server', () => {
  const executor = new NodeSshExecutor({ reconnectDelaysMs: FAST_RECONNECT });
  const target = (port: number, connectTimeoutMs = 5000) => ({
    name: 'ghost',
    host: '127.0.0.1',
    port,
    user: 'nobody',
    hostKeySha256: 'SHA256:AAAA',
    connectTimeoutMs,
  });

  let silent: Server;
  let key: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    key = join(mkdtempSync(join(tmpdir(), 'ssh-executor-')), 'client_ed25519');
    writeSshKeyPair(generateSshKeyPair('client'), key);
    // Accepts TCP and never says a word: the SSH handshake can only time out.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    rmSync(dirname(key), { recursive: true, force: true });
  });

  it('reports a closed port as unreachable, on one line naming host:port', async () => {
    const port = await freePort();
    const error = await codeOf(executor.connect({ ...target(port), privateKeyPath: key }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain('\n');
  });

  it('reports a silent server as connect_timeout', async () => {
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const error = await codeOf(executor.connect({ ...target(port, 300), privateKeyPath: key }));
    expect(error.code).toBe('connect_timeout');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});
