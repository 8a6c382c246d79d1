import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import type { NodeSession } from '../../../src/app/ports.ts';
import { CodedError } from '../../../src/domain/coded-error.ts';
import { sh } from '../../../src/domain/shell/shell-command.ts';
import { startLocalCluster } from './local-cluster.ts';
import type { LocalCluster } from './local-cluster.ts';
import { waitUntil } from './wait-until.ts';
import { ifSet } from '../if-set.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('ssh2 node server', () => {
  let cluster: LocalCluster;
  let session: NodeSession;

  beforeAll(async () => {
    cluster = await startLocalCluster({ nodes: 1, name: 'ssh2srv' });
    session = await new NodeSshExecutor().connect(cluster.target('node1'));
  });

  afterAll(async () => {
    await ifSet(session)?.close();
    await ifSet(cluster)?.stop();
  });

  it('runs commands in LIFERAY_HOME with HOME set to it and a small environment', async () => {
    const { home } = cluster.node('node1');
    const result = await session.run(sh`pwd; printf '%s\n' "$HOME" "$USER"; env | grep -c VITEST || true`, { timeoutMs: 10_000 });
    expect(result.stdout).toBe(`${home}\n${home}\n${cluster.user}\n0\n`);
  });

  it('kills the whole process group when the channel closes early', async () => {
    const pidFile = join(cluster.root, `bg-${randomUUID()}`);
    const error = await session
      .run(sh`sleep 30 & echo $! > ${pidFile}; wait`, { timeoutMs: 500 })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('step_timeout');
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    await waitUntil(() => !alive(pid), { timeoutMs: 60_000, what: `background sleep ${pid} to be killed` });
  });

  it('accepts only the generated client key and user', async () => {
    const executor = new NodeSshExecutor();
    const wrongUser = await executor.connect(cluster.target('node1', { user: 'not-the-user' })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((wrongUser as CodedError).code).toBe('auth_failed');
  });
});
