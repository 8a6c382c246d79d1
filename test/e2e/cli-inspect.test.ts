import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/run-cli.ts';
import { composeCli } from '../../src/compose-cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Real JARs compiled by scripts/build-jar-fixtures.sh. */
const jars = join(root, 'test', 'fixtures', 'jars');

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { INVENTORY: '' }, cwd: root };
  const code = await runCli(args, io, composeCli());
  return { code, stdout, stderr };
}

/** A facts file saying what the nodes run: com.acme.foo.service 1.0.0 at schema 1.0.0. */
function factsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-inspect-'));
  const path = join(dir, 'facts.json');
  writeFileSync(path, JSON.stringify({ product: 'dxp-7.4', modules: { 'com.acme.foo.service': { version: '1.0.0', schemaVersion: '1.0.0' } } }));
  return path;
}

describe('liferay-rollout check on a module update reads the JAR (no --schema flag)', () => {
  it('a dropped column: ineligible, naming the class and the call', async () => {
    const result = await cli(['check', '--facts', factsFile(), '--artifacts', jars, '--json', '--', 'module', 'update', 'drop-column.jar', 'on', 'prod']);
    expect(result.code, result.stderr).toBe(0);
    const verdict = JSON.parse(result.stdout) as { verdict: string; reasons: { rule: string; message: string }[]; request: Record<string, unknown> };
    expect(Object.keys(verdict)).toEqual(['verdict', 'reasons', 'request']);
    expect(verdict.verdict).toBe('ineligible');
    const schema = verdict.reasons.find((r) => r.rule === 'schema-change');
    expect(schema?.message).toContain('com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn');
    expect(verdict.request).not.toHaveProperty('schema');
  });

  it('the human verdict says NOT ELIGIBLE with the same evidence', async () => {
    const result = await cli(['check', '--facts', factsFile(), '--artifacts', jars, '--', 'module', 'update', 'drop-column.jar', 'on', 'prod']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NOT ELIGIBLE');
    expect(result.stdout).toContain('✗ schema-change: drop-column.jar changes the schema in a way nodes still on the old version cannot live with: com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn');
  });

  it.each([
    ['a code change only: eligible, naming the evidence', 'code-only.jar', [], 'eligible', 'code-only.jar makes no schema change: the same Liferay-Require-SchemaVersion as installed'],
    ['an additive column: needs confirmation', 'add-column.jar', [], 'needs-confirmation', 'add-column.jar only adds to the schema'],
    ['an additive column declared compatible: eligible', 'add-column.jar', ['--schema', 'compatible'], 'eligible', 'declared backward-compatible'],
    ['a schema bump no step explains: ineligible', 'schema-bump.jar', [], 'ineligible', 'Liferay-Require-SchemaVersion 1.0.0 → 1.0.1'],
    ['a drop in an .lpkg: ineligible', 'foo-suite.lpkg', [], 'ineligible', 'com.acme.foo.service.jar!com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn'],
    ['a --schema none claim the JAR contradicts: ineligible, the claim shown', 'drop-column.jar', ['--schema', 'none'], 'ineligible', 'is declared --schema none, but the JAR says otherwise'],
    ['an artifact that is not there: needs confirmation with the reason', 'missing.jar', [], 'needs-confirmation', 'missing.jar could not be inspected (missing.jar not found in the artifact folder'],
  ])('%s', async (_name, file, flags, verdict, message) => {
    const result = await cli(['check', '--facts', factsFile(), '--artifacts', jars, '--json', '--', 'module', 'update', file, ...flags, 'on', 'prod']);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { verdict: string; reasons: { rule: string; message: string }[] };
    expect(parsed.verdict).toBe(verdict);
    expect(parsed.reasons.filter((r) => r.rule === 'schema-change').map((r) => r.message).join('\n')).toContain(message);
  });
});

describe('liferay-rollout inspect FILE', () => {
  it('--json prints the fixed shape; exit 0', async () => {
    const result = await cli(['inspect', join(jars, 'drop-column.jar'), '--installed', join(jars, 'code-only.jar'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['file', 'bundle', 'schemaChange', 'findings']);
    expect(json).toMatchObject({ file: 'drop-column.jar', bundle: { symbolicName: 'com.acme.foo.service', version: '2.0.0', schemaVersion: '2.0.0' }, schemaChange: 'breaking' });
    expect(json.findings).toContainEqual({ where: 'com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn', kind: 'breaking-call', detail: 'calls com.acme.foo.internal.UpgradeFooDropColumn.alterTableDropColumn', breaking: true });
  });

  it('--installed-schema at the top of the steps\' range: the old drop is not evidence', async () => {
    const result = await cli(['inspect', join(jars, 'old-steps.jar'), '--installed-schema', '2.0.0', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ schemaChange: 'none' });
  });

  it('human output by default', async () => {
    const result = await cli(['inspect', join(jars, 'code-only.jar'), '--installed-schema', '1.0.0']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('code-only.jar: schema change NONE');
    expect(result.stdout).toContain('ignored  com.acme.foo.internal.FooModelImpl: Service Builder model constant "drop table Acme_Foo" (TABLE_SQL_DROP): not an upgrade [incidental]');
  });

  it.each([
    ['a file it cannot read', [join(jars, 'nope.jar')], 'nope.jar not found'],
    ['no FILE', [], 'name one FILE'],
    ['both installed options', [join(jars, 'code-only.jar'), '--installed', 'x.jar', '--installed-schema', '1.0.0'], 'exclude each other'],
  ])('%s: exit 2 with the reason on stderr', async (_name, args, reason) => {
    const result = await cli(['inspect', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(reason);
  });
});
