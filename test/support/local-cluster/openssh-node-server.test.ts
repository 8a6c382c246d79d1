import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import { CodedError } from '../../../src/domain/coded-error.ts';
import { sh } from '../../../src/domain/shell/shell-command.ts';
import { startLocalCluster } from './local-cluster.ts';
import { hasSshd, startOpensshNodeServer } from './openssh-node-server.ts';
import { generateSshKeyPair } from './ssh-key-pair.ts';

describe('OpenSSH node server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openssh-server-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('throws sshd_missing when sshd is not installed', async () => {
    const error = await startOpensshNodeServer({
      name: 'node1',
      home: dir,
      user: userInfo().username,
      authorizedKey: generateSshKeyPair('client').publicKey,
      workDir: join(dir, 'ssh'),
      sshdPath: join(dir, 'no-such-sshd'),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('sshd_missing');
  });

  describe.skipIf(!hasSshd() && !process.env['CI'])('with sshd installed', () => {
    it('runs a real sshd per node whose host key matches ssh-keygen -lf, and survives stop/start', async () => {
      const cluster = await startLocalCluster({ nodes: 2, name: 'openssh', sshServer: 'openssh' });
      try {
        expect(cluster.sshServer).toBe('openssh');
        const [one, two] = cluster.nodes;
        expect(one?.hostKeySha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
        expect(one?.hostKeySha256).not.toBe(two?.hostKeySha256);
        const executor = new NodeSshExecutor({ reconnectDelaysMs: [50, 100, 200] });
        const session = await executor.connect(cluster.target('node2'));
        const result = await session.run(sh`cd ${cluster.node('node2').home} && pwd && whoami`, { timeoutMs: 10_000 });
        expect(result.stdout).toBe(`${cluster.node('node2').home}\n${cluster.user}\n`);

        await cluster.stopSsh('node2');
        await cluster.startSsh('node2');
        expect((await session.run(sh`echo back`, { timeoutMs: 10_000, idempotent: true })).stdout).toBe('back\n');
        await session.close();
      } finally {
        await cluster.stop();
      }
    });
  });
});
