import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function start(env: Record<string, string>): { code: number | null; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_') && k !== 'INVENTORY' && k !== 'PORT' && k !== 'DATABASE'));
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'main.ts')], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr };
}

describe('npm start with missing or invalid configuration', () => {
  it('lists every problem in one message and exits 1', () => {
    const r = start({ SLACK_BOT_TOKEN: 'xoxp-user-token', PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot start (4 problems)');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'INVENTORY', 'PORT']) expect(r.stderr).toContain(name);
  });

  it('reports the inventory’s problems with their lines together with the environment’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'startup-'));
    const inventory = join(dir, 'inventory.yml');
    writeFileSync(inventory, 'artifactDir: /srv/a\nclusters:\n  prod:\n    product: dxp-9.9\n');
    const r = start({ SLACK_BOT_TOKEN: 'xoxb-1-2', INVENTORY: inventory });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SLACK_SIGNING_SECRET: is not set');
    expect(r.stderr).toMatch(/line 4 clusters\.prod\.product/);
  });
});
