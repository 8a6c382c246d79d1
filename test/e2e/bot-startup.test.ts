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

  it('reports a missing key file, a pin copied to another node and a shared health URL with their lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'startup-'));
    const inventory = join(dir, 'inventory.yml');
    const pin = 'SHA256:REPLACE+ME+prod+node1+00000000000000000000A';
    writeFileSync(
      inventory,
      [
        'artifactDir: /srv/a',
        'clusters:',
        '  prod:',
        '    product: dxp-7.1',
        '    liferayHome: /opt/liferay',
        '    ssh: { user: liferay, keyFile: ./no-such-key }',
        '    health: { url: "http://lb.example.com/c/portal/layout" }',
        '    nodes:',
        `      - { name: node1, host: 10.0.0.11, hostKey: "${pin}" }`,
        `      - { name: node2, host: 10.0.0.12, hostKey: "${pin}" }`,
        '',
      ].join('\n'),
    );
    const r = start({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef', INVENTORY: inventory });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`line 6 clusters.prod.ssh.keyFile: key file ${join(dir, 'no-such-key')} does not exist`);
    expect(r.stderr).toMatch(/line 7 clusters\.prod\.health\.url: has no \{host\}: 2 nodes would probe the same URL/);
    expect(r.stderr).toMatch(/line 10 clusters\.prod\.nodes\[1\]\.hostKey: same host key as nodes\[0\] on another host/);
  });
});
