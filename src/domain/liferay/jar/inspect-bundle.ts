import semver from 'semver';
import type { JarFinding, SchemaChange } from './jar-finding.ts';
import { manifestHeader, parseManifest } from './parse-manifest.ts';
import { readConstantPool, type ClassConstants } from './read-constant-pool.ts';
import { scanSql, sqlLiteralEffect } from './scan-sql.ts';

/** One entry of a JAR, already inflated (the zip adapter does the reading). */
export interface JarEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the nodes run of this module (the facts' `modules`, or another JAR's manifest). */
export interface InstalledModule {
  readonly version?: string | undefined;
  readonly schemaVersion?: string | undefined;
}

export interface BundleIdentity {
  readonly symbolicName: string | undefined;
  readonly version: string | undefined;
  readonly schemaVersion: string | undefined;
}

export interface BundleInspection {
  /** The JAR's name inside an `.lpkg`; undefined for a JAR read on its own. */
  readonly entry?: string;
  readonly bundle: BundleIdentity;
  readonly installed: InstalledModule | undefined;
  readonly schemaChange: SchemaChange;
  readonly findings: readonly JarFinding[];
  /** Class files read (for the evidence line: "12 classes, 2 upgrade steps read"). */
  readonly classes: number;
  readonly upgradeClasses: number;
}

const UPGRADE_PROCESS = 'com/liferay/portal/kernel/upgrade/UpgradeProcess';
const UPGRADE_STEP = 'com/liferay/portal/kernel/upgrade/UpgradeStep';
const REGISTRATOR = 'com/liferay/portal/upgrade/registry/UpgradeStepRegistrator';
const FACTORY = 'com/liferay/portal/kernel/upgrade/UpgradeProcessFactory';

/** LIFERAY.md §5: calls (by member name) that break a running old version, and the additive ones. */
const BREAKING_CALLS = new Set(['alterTableDropColumn', 'alterColumnName', 'alterColumnType', 'alterTableName', 'dropTable', 'removePrimaryKey', 'upgradeTable', 'dropColumns', 'dropTables', 'alterColumnTypes']);
const ADDITIVE_CALLS = new Set(['alterTableAddColumn', 'addColumns']);
/** The older `UpgradeProcess$Alter…` inner classes (a class reference is the call). */
const BREAKING_INNER = new Set(['AlterTableDropColumn', 'AlterColumnName', 'AlterColumnType']);
const ADDITIVE_INNER = new Set(['AlterTableAddColumn']);
/** Service Builder's own create scripts: they create; a drop in them is not an upgrade. */
const CREATE_SCRIPTS = /(?:^|\/)(?:tables|indexes|sequences)\.sql$/;
const VERSION_STRING = /^\d+\.\d+\.\d+(?:\.\d+)?$/;

const dotted = (binaryName: string): string => binaryName.replaceAll('/', '.');
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Semver for Liferay's schema versions ("2.0.0", four-part "1.0.0.1" compared on its first three). */
function schemaSemver(version: string): string | undefined {
  return semver.valid(version) ?? semver.coerce(version)?.version;
}

function compareSchema(a: string, b: string): number | undefined {
  if (a === b) return 0;
  const x = schemaSemver(a);
  const y = schemaSemver(b);
  if (x === undefined || y === undefined) return undefined;
  return semver.compare(x, y);
}

/** Upgrade steps: subclasses of UpgradeProcess (or implementers of UpgradeStep) through the JAR's own hierarchy, and registrators. */
function upgradeClassesOf(classes: ReadonlyMap<string, ClassConstants>): { readonly steps: ReadonlySet<string>; readonly registrators: readonly ClassConstants[] } {
  const memo = new Map<string, boolean>();
  const isStep = (name: string, depth: number): boolean => {
    if (name === UPGRADE_PROCESS) return true;
    const known = memo.get(name);
    if (known !== undefined) return known;
    const c = classes.get(name);
    const result = c !== undefined && depth < 64 && (c.interfaces.includes(UPGRADE_STEP) || (c.superClass !== undefined && isStep(c.superClass, depth + 1)));
    memo.set(name, result);
    return result;
  };
  const registrators = [...classes.values()].filter((c) => c.interfaces.includes(REGISTRATOR));
  const steps = new Set<string>();
  for (const name of classes.keys()) if (isStep(name, 0)) steps.add(name);
  // What a registrator registers (a class it names that lives in this JAR), and the registrator itself (7.4's factory calls sit there).
  for (const r of registrators) {
    steps.add(r.thisClass);
    for (const ref of r.classRefs) if (classes.has(ref)) steps.add(ref);
  }
  // Inner and anonymous classes of a step (`UpgradeFoo$1`) belong to it.
  for (const name of classes.keys()) {
    const outer = name.split('$')[0];
    if (outer !== undefined && outer !== name && steps.has(outer)) steps.add(name);
  }
  return { steps, registrators };
}

/**
 * Which registered steps can still run: the registrators' version strings (`"1.0.0"`, `"2.0.0"` in
 * `registry.register("1.0.0", "2.0.0", …)`) are read from their constant pools. A heuristic, not a
 * reading of the bytecode: which class goes with which range is not told, so when ANY version string
 * is above the installed schema version every step counts; only when all of them are at or below it
 * (and the installed version is known) have the steps all run already. No version strings: every step counts.
 */
function stepsCanRun(registrators: readonly ClassConstants[], installedSchema: string | undefined): { readonly run: boolean; readonly highest: string | undefined } {
  const versions = registrators.flatMap((r) => r.strings.filter((s) => VERSION_STRING.test(s)));
  const highest = versions.reduce<string | undefined>((max, v) => (max === undefined || (compareSchema(v, max) ?? 0) > 0 ? v : max), undefined);
  if (installedSchema === undefined || highest === undefined) return { run: true, highest };
  const cmp = compareSchema(highest, installedSchema);
  return { run: cmp === undefined || cmp > 0, highest };
}

function callFindings(c: ClassConstants): JarFinding[] {
  const where = dotted(c.thisClass);
  const found: JarFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: JarFinding): void => {
    const key = `${finding.where}|${finding.detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(finding);
  };
  for (const { owner, name } of c.memberRefs) {
    if (BREAKING_CALLS.has(name)) add({ where: `${where}#${name}`, kind: 'breaking-call', detail: `calls ${dotted(owner)}.${name}`, breaking: true });
    else if (ADDITIVE_CALLS.has(name)) add({ where: `${where}#${name}`, kind: 'additive-call', detail: `calls ${dotted(owner)}.${name}`, breaking: false });
    else if (owner === FACTORY && name === 'runSQL') add({ where: `${where}#${name}`, kind: 'unknown-call', detail: `calls ${dotted(owner)}.runSQL (what the SQL does is not told)`, breaking: false });
  }
  for (const ref of c.classRefs) {
    if (!ref.startsWith(`${UPGRADE_PROCESS}$`)) continue;
    const inner = ref.slice(UPGRADE_PROCESS.length + 1);
    if (BREAKING_INNER.has(inner)) add({ where: `${where}#UpgradeProcess.${inner}`, kind: 'breaking-call', detail: `uses ${dotted(ref).replace('$', '.')}`, breaking: true });
    else if (ADDITIVE_INNER.has(inner)) add({ where: `${where}#UpgradeProcess.${inner}`, kind: 'additive-call', detail: `uses ${dotted(ref).replace('$', '.')}`, breaking: false });
  }
  for (const s of c.strings) {
    const effect = sqlLiteralEffect(s);
    if (effect !== undefined) add({ where, kind: effect === 'breaking' ? 'breaking-sql' : 'additive-sql', detail: `SQL literal "${s}"`, breaking: effect === 'breaking' });
  }
  return found;
}

function incidentalFindings(c: ClassConstants): JarFinding[] {
  return c.strings
    .filter((s) => sqlLiteralEffect(s) === 'breaking')
    .map((s) => ({
      where: dotted(c.thisClass),
      kind: 'incidental' as const,
      detail: c.thisClass.endsWith('ModelImpl') ? `Service Builder model constant "${s}" (TABLE_SQL_DROP): not an upgrade` : `SQL literal "${s}" outside any upgrade step: not an upgrade`,
      breaking: false,
    }));
}

function schemaChangeOf(findings: readonly JarFinding[], moved: boolean | undefined, hasSteps: boolean): SchemaChange {
  const counted = findings.filter((f) => f.kind !== 'incidental' && f.kind !== 'old-step');
  if (counted.some((f) => f.breaking)) return 'breaking';
  if (counted.some((f) => f.kind === 'unknown-call' || f.kind === 'unreadable')) return 'unknown';
  const additive = counted.some((f) => f.kind === 'additive-call' || f.kind === 'additive-sql');
  if (moved === true) return additive ? 'additive' : 'unknown';
  if (moved === undefined && hasSteps) return additive ? 'additive' : 'unknown';
  return 'none';
}

/**
 * Inspects one JAR's entries (LIFERAY.md §5) against what the nodes run. Pure and total: an
 * unreadable class is a finding, never an exception.
 */
export function inspectBundle(entries: readonly JarEntry[], installed: InstalledModule | undefined): Omit<BundleInspection, 'entry'> {
  const manifestEntry = entries.find((e) => e.name === 'META-INF/MANIFEST.MF');
  const headers = manifestEntry === undefined ? {} : parseManifest(decoder.decode(manifestEntry.bytes));
  const bundle: BundleIdentity = {
    symbolicName: manifestHeader(headers, 'Bundle-SymbolicName')?.split(';')[0]?.trim(),
    version: manifestHeader(headers, 'Bundle-Version'),
    schemaVersion: manifestHeader(headers, 'Liferay-Require-SchemaVersion'),
  };
  const findings: JarFinding[] = [];
  const classes = new Map<string, ClassConstants>();
  for (const entry of entries) {
    if (!entry.name.endsWith('.class') || entry.name.endsWith('module-info.class')) continue;
    const read = readConstantPool(entry.bytes);
    if (read.ok) classes.set(read.value.thisClass, read.value);
    else findings.push({ where: entry.name, kind: 'unreadable', detail: `class file not read: ${read.error}`, breaking: false });
  }
  const { steps, registrators } = upgradeClassesOf(classes);
  const installedSchema = installed?.schemaVersion;
  const { run, highest } = stepsCanRun(registrators, installedSchema);

  for (const c of [...classes.values()].sort((a, b) => a.thisClass.localeCompare(b.thisClass))) {
    if (!steps.has(c.thisClass)) {
      findings.push(...incidentalFindings(c));
      continue;
    }
    const hits = callFindings(c);
    findings.push(
      ...(run
        ? hits
        : hits
            .filter((f) => f.kind !== 'additive-call' && f.kind !== 'additive-sql')
            .map((f) => ({ ...f, kind: 'old-step' as const, breaking: false, detail: `${f.detail}: registered up to schema ${highest ?? '?'}, at or below the installed ${installedSchema ?? '?'}, so it has run and never runs again` }))),
    );
  }
  for (const entry of entries) {
    if (!entry.name.toLowerCase().endsWith('.sql')) continue;
    const createScript = CREATE_SCRIPTS.test(entry.name);
    for (const hit of scanSql(decoder.decode(entry.bytes))) {
      const where = `${entry.name}:${hit.line}`;
      if (createScript) {
        if (hit.breaking) findings.push({ where, kind: 'incidental', detail: `"${hit.text}" in Service Builder's create script: not an upgrade`, breaking: false });
      } else if (!run) {
        if (hit.breaking) findings.push({ where, kind: 'old-step', detail: `"${hit.text}": the upgrade steps are registered at or below the installed schema ${installedSchema ?? '?'}`, breaking: false });
      } else findings.push({ where, kind: hit.breaking ? 'breaking-sql' : 'additive-sql', detail: `"${hit.text}"`, breaking: hit.breaking });
    }
  }

  let moved: boolean | undefined;
  if (installedSchema !== undefined) {
    if (bundle.schemaVersion === undefined) moved = false;
    else {
      const cmp = compareSchema(bundle.schemaVersion, installedSchema);
      moved = cmp !== 0;
      findings.unshift({
        where: 'META-INF/MANIFEST.MF',
        kind: 'schema-version',
        detail:
          cmp === 0
            ? `Liferay-Require-SchemaVersion ${bundle.schemaVersion}, the same as installed`
            : `Liferay-Require-SchemaVersion ${installedSchema} → ${bundle.schemaVersion}${cmp !== undefined && cmp < 0 ? ' (lower than installed)' : ''}: an upgrade runs on the first node`,
        breaking: false,
      });
    }
  } else if (bundle.schemaVersion === undefined) moved = false;
  const hasSteps = steps.size > 0;
  return { bundle, installed, schemaChange: schemaChangeOf(findings, moved, hasSteps), findings, classes: classes.size, upgradeClasses: steps.size };
}
