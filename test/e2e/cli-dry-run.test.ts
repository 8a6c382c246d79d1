import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/adapters/cli/cli-io.ts';
import { runCli } from '../../src/adapters/cli/run-cli.ts';
import { composeCli } from '../../src/compose-cli.ts';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { ifSet } from '../support/if-set.ts';

describe('liferay-rollout run ... --dry-run on a 2-node local cluster', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 2 });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it.each([
    ['without --db', [] as string[]],
    ['with --db', ['--db', 'dry-run.sqlite']],
  ])('%s: prints verdict and plan, changes nothing and records nothing', async (_name, dbArgs) => {
    const before = await Promise.all(env.local.nodes.map(async (n) => ({ pid: (await env.local.readState(n.name)).pid, out: env.local.readCatalinaOut(n.name) })));
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: {}, cwd: env.local.root };
    const ports = composeCli({ terminal: { isTty: false, ask: () => Promise.reject(new Error('no terminal here')) } });
    const code = await runCli(['run', '--inventory', env.inventoryPath, '--yes', ...dbArgs, '--', 'property', 'set', 'dry.run=1', 'on', 'prod', '--dry-run'], io, ports);
    expect(code, stderr).toBe(EXIT.ok);
    expect(stdout).toContain('[node1] stop node1');
    expect(stdout).toContain('Dry run: nothing was changed.');
    expect(stdout).not.toMatch(/rollout SUCCEEDED|recorded as/);
    for (const [i, node] of env.local.nodes.entries()) {
      expect(readFileSync(join(node.home, 'portal-ext.properties'), 'utf8')).not.toContain('dry.run');
      expect((await env.local.readState(node.name)).pid).toBe(before[i]?.pid);
      expect(env.local.readCatalinaOut(node.name)).toBe(before[i]?.out);
    }
    const db = join(env.local.root, 'dry-run.sqlite');
    if (existsSync(db)) {
      const store = openSqliteRolloutStore(db);
      try {
        expect(store.list({})).toEqual([]);
      } finally {
        store.close();
      }
    }
  });
});
