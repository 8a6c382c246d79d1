import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectArtifact } from '../../domain/liferay/jar/inspect-artifact.ts';
import type { InstalledModule } from '../../domain/liferay/jar/inspect-bundle.ts';
import { readConstantPool } from '../../domain/liferay/jar/read-constant-pool.ts';
import { YauzlArtifactReader } from './yauzl-artifact-reader.ts';

/** Real JARs compiled from test/fixtures/jars/src by scripts/build-jar-fixtures.sh (javac 17, jar). */
const fixtures = fileURLToPath(new URL('../../../test/fixtures/jars/', import.meta.url));
const reader = new YauzlArtifactReader(fixtures);
const V1: InstalledModule = { version: '1.0.0', schemaVersion: '1.0.0' };

async function inspect(file: string, installed: InstalledModule | undefined = V1) {
  const contents = await reader.read(file);
  if (!contents.ok) throw new Error(contents.error);
  return inspectArtifact(file, contents.value, () => installed);
}

describe('the JAR inspector on real JARs (YauzlArtifactReader + inspectArtifact)', () => {
  it.each([
    ['code change only, same schema', 'code-only.jar', V1, 'none', []],
    ['STORED entries', 'code-only-stored.jar', V1, 'none', []],
    ['a newer class file with InvokeDynamic', 'indy.jar', V1, 'none', []],
    ['an additive column', 'add-column.jar', V1, 'additive', []],
    ['a dropped column', 'drop-column.jar', V1, 'breaking', ['com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn']],
    ['a renamed column', 'rename-column.jar', V1, 'breaking', ['com.acme.foo.internal.UpgradeFooRenameColumn#alterColumnName']],
    ['a drop through an Alter… inner class', 'alter-class.jar', V1, 'breaking', ['com.acme.foo.internal.UpgradeFooAlter#UpgradeProcess.AlterTableDropColumn']],
    ['a drop in SQL text and in an SQL resource file', 'sql-drop.jar', V1, 'breaking', ['com.acme.foo.internal.UpgradeFooSql', 'META-INF/sql/update-2.0.0.sql:3']],
    ['a schema version bump no step explains', 'schema-bump.jar', V1, 'unknown', []],
    ['a drop registered at or below the installed schema (it has run)', 'old-steps.jar', { version: '2.0.0', schemaVersion: '2.0.0' }, 'none', []],
    ['the same drop when the installed schema is below its range', 'old-steps.jar', V1, 'breaking', ['com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn']],
    ['a nested JAR in an .lpkg (read in memory)', 'foo-suite.lpkg', V1, 'breaking', ['com.acme.foo.service.jar!com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn']],
  ] as const)('%s: %s is %s', async (_name, file, installed, schemaChange, breakingWhere) => {
    const inspection = await inspect(file, installed);
    expect(inspection.schemaChange).toBe(schemaChange);
    const findings = inspection.bundles.flatMap((b) => b.findings);
    expect(findings.filter((f) => f.breaking).map((f) => f.where)).toEqual(breakingWhere);
    // Every Service Builder model carries TABLE_SQL_DROP: seen, never a reason.
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'incidental', where: expect.stringContaining('FooModelImpl') as unknown, breaking: false }));
  });

  it('reads the manifest with its continuation lines, and says what moved', async () => {
    const inspection = await inspect('drop-column.jar');
    expect(inspection.bundles[0]?.bundle).toEqual({ symbolicName: 'com.acme.foo.service', version: '2.0.0', schemaVersion: '2.0.0' });
    expect(inspection.bundles[0]?.findings[0]).toEqual({ where: 'META-INF/MANIFEST.MF', kind: 'schema-version', detail: 'Liferay-Require-SchemaVersion 1.0.0 → 2.0.0: an upgrade runs on the first node', breaking: false });
    expect(inspection.bundles[0]?.findings).toContainEqual({ where: 'com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn', kind: 'breaking-call', detail: 'calls com.acme.foo.internal.UpgradeFooDropColumn.alterTableDropColumn', breaking: true });
  });

  it('old steps are listed as not counted, with the range that says so', async () => {
    const inspection = await inspect('old-steps.jar', { version: '2.0.0', schemaVersion: '2.0.0' });
    expect(inspection.bundles[0]?.findings).toContainEqual(expect.objectContaining({ kind: 'old-step', breaking: false, detail: expect.stringContaining('registered up to schema 2.0.0, at or below the installed 2.0.0') as unknown }));
  });

  it('STORED and DEFLATED entries give the same class files; javac 17 classes are version 61 with InvokeDynamic entries', async () => {
    const stored = await reader.read('code-only-stored.jar');
    const deflated = await reader.read('code-only.jar');
    expect(stored.ok && deflated.ok).toBe(true);
    if (!stored.ok || !deflated.ok || stored.value.kind !== 'jar' || deflated.value.kind !== 'jar') return;
    expect(stored.value.entries.map((e) => [e.name, Buffer.from(e.bytes).toString('hex')])).toEqual(deflated.value.entries.map((e) => [e.name, Buffer.from(e.bytes).toString('hex')]));

    const indy = await reader.read('indy.jar');
    if (!indy.ok || indy.value.kind !== 'jar') throw new Error('indy.jar not read');
    const service = indy.value.entries.find((e) => e.name.endsWith('FooLocalServiceImpl.class'));
    const pool = service === undefined ? undefined : readConstantPool(service.bytes);
    expect(pool?.ok && pool.value.majorVersion).toBe(61);
    const tags = pool?.ok ? new Set(pool.value.pool.map((e) => e?.tag)) : new Set();
    expect([...tags]).toEqual(expect.arrayContaining(['InvokeDynamic', 'MethodHandle', 'MethodType', 'Long', 'Double']));
  });

  it.each([
    ['a missing file', 'nope.jar', 'nope.jar not found in the artifact folder'],
    ['a file that is not a zip', 'not-a-zip.jar', 'not-a-zip.jar could not be read as a zip'],
  ])('%s is a read error with the reason', async (_name, file, reason) => {
    const dir = mkdtempSync(join(tmpdir(), 'jar-reader-'));
    writeFileSync(join(dir, 'not-a-zip.jar'), 'PK but not really a zip file');
    const read = await new YauzlArtifactReader(dir).read(file);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.error).toContain(reason);
  });
});
