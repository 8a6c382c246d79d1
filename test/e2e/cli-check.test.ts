import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECK_EXAMPLES } from '../../examples/check-examples.ts';
import { runCli } from '../../src/adapters/cli/run-cli.ts';
import { composeCli } from '../../src/compose-cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'liferay-rollout.js');

/** The CLI in this process: runCli with the real composition, output captured through io. */
async function cli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { INVENTORY: '', ...env }, cwd: root };
  const code = await runCli(args, io, composeCli());
  return { code, stdout, stderr };
}

const facts = (name: string): string => join(root, 'examples', name);

describe('liferay-rollout check (the real bin, as a process: the one spawned smoke test)', () => {
  it('prints a human verdict and exits 0', () => {
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', bin, 'check', '--facts', facts('facts-dxp71.json'), '--', 'fixpack', 'install', 'dxp-16-7110', 'on', 'prod'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, INVENTORY: '' },
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('NOT ELIGIBLE');
    expect(result.stdout).toContain('dxp-15-7110 lies between installed dxp-14-7110 and target dxp-16-7110 and is non-revertible: all nodes must be down');
  }, 150_000);
});

describe('liferay-rollout and its environment (runCli in-process)', () => {
  it('a bad LEASE_SECONDS is named in one line, exit 2, and nothing runs', async () => {
    const result = await cli(['check', '--facts', facts('facts-dxp71.json'), '--', 'fixpack', 'install', 'dxp-16-7110', 'on', 'prod'], { LEASE_SECONDS: 'soon' });

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^liferay-rollout: LEASE_SECONDS: [^\n]+\n$/);
  });
});

describe('liferay-rollout whose reader went away (the real bin, as a process)', () => {
  it('ends its output quietly (no EPIPE stack) and exits as the command does', async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, 'help'], { cwd: root, env: { ...process.env, INVENTORY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the CLI writes a byte, as with `liferay-rollout history | head -0`.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));

    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 150_000);
});

describe('liferay-rollout check (runCli in-process, the real composition)', () => {
  it('prints a human verdict and exits 0', async () => {
    const r = await cli(['check', '--facts', facts('facts-dxp71.json'), '--', 'fixpack', 'install', 'dxp-16-7110', 'on', 'prod']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT ELIGIBLE');
    expect(r.stdout).toContain('dxp-15-7110 lies between installed dxp-14-7110 and target dxp-16-7110 and is non-revertible: all nodes must be down');
  });

  it('prints exactly the fixed JSON shape with --json', async () => {
    const r = await cli(['check', '--json', '--facts', facts('facts-dxp71.json'), '--', 'java', 'update', '1.8.0_402', 'on', 'prod']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['reasons', 'request', 'verdict']);
    expect(out['verdict']).toBe('eligible');
    expect(out['request']).toMatchObject({ kind: 'java', action: 'update', version: '1.8.0_402', cluster: 'prod', dryRun: false });
    for (const reason of out['reasons'] as Record<string, unknown>[]) expect(Object.keys(reason).sort()).toEqual(['message', 'rule']);
  });

  it.each(CHECK_EXAMPLES.map((e) => [e.row, e] as const))('example "%s" gets a verdict or a rule error, never a parse error', async (_row, example) => {
    const r = await cli(['check', '--json', '--facts', facts(example.facts), '--', ...example.request.split(' ')]);
    expect([0, 1]).toContain(r.code);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(r.code === 0 ? out['verdict'] : out['error']).toBeDefined();
  });

  it.each([
    ['an unknown verb', ['fixpack', 'instal', 'dxp-1-7110', 'on', 'prod'], 'instal'],
    ['a shell metacharacter', ['module', 'install', 'x$(reboot).jar', 'on', 'prod'], '$'],
    ['a path', ['module', 'install', '../../etc/passwd.jar', 'on', 'prod'], '..'],
    ['no cluster', ['property', 'set', 'a=b'], 'on <cluster>'],
    ['an empty request', [], 'empty'],
  ])('exits 2 with one line on stderr for %s', async (_name, words, mentions) => {
    const r = await cli(['check', '--facts', facts('facts-dxp71.json'), '--', ...words]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const firstLine = r.stderr.split('\n')[0] ?? '';
    expect(firstLine).toContain(mentions);
    expect(r.stderr.toLowerCase()).toContain('usage:');
  });

  it('exits 1 with the rule when the request cannot be done on this cluster', async () => {
    const r = await cli(['check', '--json', '--facts', facts('facts-dxp71.json'), '--', 'java', 'update', '17.0.15', 'on', 'prod']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { rule: 'java-support', message: 'Java 17 is not supported by DXP 7.1 (supported: 8, 11)' } });
    expect(r.stderr).toContain('Java 17 is not supported');
  });

  it.each([
    ['a missing facts file', ['--facts', '/nonexistent/facts.json'], 'cannot read facts file /nonexistent/facts.json: no such file'],
    ['an unknown option', ['--fact', 'x'], "Unknown option '--fact'"],
  ])('exits 2 for %s', async (_name, options, message) => {
    const r = await cli(['check', ...options, '--', 'property', 'set', 'a=b', 'on', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('rejects a facts file with an unknown key, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    const path = join(dir, 'facts.json');
    writeFileSync(path, JSON.stringify({ product: 'dxp-7.1', patchez: [] }));
    const r = await cli(['check', '--facts', path, '--', 'property', 'set', 'a=b', 'on', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('patchez');
  });

  it('extends the catalog from --catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const path = join(dir, 'catalog.json');
    writeFileSync(path, JSON.stringify({ nonRevertible: [{ id: 'de-29-7010', reason: 'our own finding' }] }));
    const r = await cli(['check', '--facts', facts('facts-dxp70.json'), '--catalog', path, '--', 'fixpack', 'install', 'de-29-7010', 'on', 'prod']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('de-29-7010 is non-revertible (our own finding)');
  });

  it('takes facts and policy from the inventory, and refuses unknown clusters', async () => {
    const ok = await cli(['check', '--inventory', join(root, 'inventory.example.yml'), '--', 'fixpack', 'install', 'dxp-16-7110', 'on', 'prod']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Verdict:');
    const unknown = await cli(['check', '--inventory', join(root, 'inventory.example.yml'), '--', 'property', 'set', 'a=b', 'on', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown cluster "nope"');
  });

  it('a property request: the values asked for, a secret masked (check reads no node); --json keeps its shape', async () => {
    const args = ['check', '--inventory', join(root, 'inventory.example.yml'), '--', 'property', 'set', 'jdbc.default.password=hunter2', 'session.timeout=45', 'on', 'prod'];
    const human = await cli(args);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('property set jdbc.default.password=•••••• session.timeout=45 on prod\n');
    expect(human.stdout).toContain('Changes to portal-ext.properties (current values not read from the nodes):\n  jdbc.default.password: set to •••••• (masked)\n  session.timeout: set to "45"\n');
    expect(human.stdout).not.toContain('hunter2');
    const json = await cli([...args.slice(0, 1), '--json', ...args.slice(1)]);
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(['verdict', 'reasons', 'request']);
  });

  it('prints usage for help and for no command', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('usage: liferay-rollout');
  });
});
