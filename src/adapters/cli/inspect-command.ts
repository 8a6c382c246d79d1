import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectArtifact, type ArtifactInspection } from '../../domain/liferay/jar/inspect-artifact.ts';
import type { InstalledModule } from '../../domain/liferay/jar/inspect-bundle.ts';
import { messageOf } from '../../domain/message-of.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import type { CliPorts } from './cli-ports.ts';

export const INSPECT_USAGE = `usage: liferay-rollout inspect FILE [--installed FILE | --installed-schema X.Y.Z] [--json]
  Opens a module (.jar), plugin (.war) or .lpkg and says what it does to the database schema:
  its manifest (Bundle-SymbolicName, Bundle-Version, Liferay-Require-SchemaVersion), the calls and
  SQL of its upgrade steps, its SQL resources, against the installed version when given
  (--installed: the JAR the nodes run now; --installed-schema: their schema version).
  --json prints {"file", "bundle", "schemaChange", "findings": [{"where", "kind", "detail", "breaking"}]}
  Exit 0: the file was read (whatever it does)
  Exit 2: the file could not be read, or an option did not parse (message on stderr)
`;

/** `inspect --json`: the issue's fixed shape; an .lpkg has `"bundle": null` and its JARs under `"bundles"`. */
export function inspectionJson(inspection: ArtifactInspection): string {
  const [only] = inspection.bundles;
  const one = inspection.bundles.length === 1 && only?.entry === undefined ? only : undefined;
  const bundleOf = (b: (typeof inspection.bundles)[number]) => ({ symbolicName: b.bundle.symbolicName ?? null, version: b.bundle.version ?? null, schemaVersion: b.bundle.schemaVersion ?? null });
  return `${JSON.stringify({
    file: inspection.file,
    bundle: one === undefined ? null : bundleOf(one),
    ...(one === undefined ? { bundles: inspection.bundles.map((b) => ({ entry: b.entry ?? null, ...bundleOf(b), schemaChange: b.schemaChange })) } : {}),
    schemaChange: inspection.schemaChange,
    findings: inspection.bundles.flatMap((b) => b.findings.map(({ where, kind, detail, breaking }) => ({ where, kind, detail, breaking }))),
  })}\n`;
}

/** The human form: one block per bundle, breaking findings first. */
export function formatInspection(inspection: ArtifactInspection): string {
  const lines = [`${inspection.file}: schema change ${inspection.schemaChange.toUpperCase()}`];
  for (const b of inspection.bundles) {
    const name = `${b.entry === undefined ? '' : `${b.entry}: `}${b.bundle.symbolicName ?? '(no Bundle-SymbolicName)'} ${b.bundle.version ?? '(no Bundle-Version)'}`;
    lines.push(`  ${name}, Liferay-Require-SchemaVersion ${b.bundle.schemaVersion ?? '(none)'}`);
    lines.push(`  installed: ${b.installed === undefined ? 'not given' : `version ${b.installed.version ?? '?'}, schema ${b.installed.schemaVersion ?? '?'}`}`);
    lines.push(`  read: ${b.classes} classes, ${b.upgradeClasses} in upgrade steps; schema change ${b.schemaChange}`);
    const sorted = [...b.findings].sort((x, y) => Number(y.breaking) - Number(x.breaking));
    for (const f of sorted) lines.push(`    ${f.breaking ? 'BREAKING' : f.kind === 'incidental' || f.kind === 'old-step' ? 'ignored ' : 'note    '} ${f.where}: ${f.detail} [${f.kind}]`);
    if (b.findings.length === 0) lines.push('    nothing found');
  }
  return `${lines.join('\n')}\n`;
}

export async function inspectCommand(argv: readonly string[], io: CliIo, ports: Pick<CliPorts, 'artifactReaderAt'>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { installed: { type: 'string' }, 'installed-schema': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.stderr(`liferay-rollout inspect: ${messageOf(e)}\n${INSPECT_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout(INSPECT_USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = parsed.positionals;
  const problem =
    file === undefined
      ? 'name one FILE'
      : extra.length > 0
        ? `one FILE only (also got ${extra.join(' ')})`
        : parsed.values.installed !== undefined && parsed.values['installed-schema'] !== undefined
          ? '--installed and --installed-schema exclude each other'
          : undefined;
  if (problem !== undefined || file === undefined) {
    io.stderr(`liferay-rollout inspect: ${problem ?? 'name one FILE'}\n${INSPECT_USAGE}`);
    return EXIT.usage;
  }
  const read = async (name: string) => {
    const path = isAbsolute(name) ? name : resolve(io.cwd, name);
    return ports.artifactReaderAt(dirname(path)).read(basename(path));
  };

  let installedOf: (symbolicName: string | undefined) => InstalledModule | undefined = () => undefined;
  const schema = parsed.values['installed-schema'];
  if (schema !== undefined) installedOf = () => ({ schemaVersion: schema });
  if (parsed.values.installed !== undefined) {
    const installedFile = parsed.values.installed;
    const contents = await read(installedFile);
    if (!contents.ok) {
      io.stderr(`liferay-rollout inspect: --installed ${contents.error}\n`);
      return EXIT.usage;
    }
    const bundles = inspectArtifact(basename(installedFile), contents.value, () => undefined).bundles;
    installedOf = (name) => {
      const match = bundles.find((b) => b.bundle.symbolicName === name) ?? (bundles.length === 1 ? bundles[0] : undefined);
      return match === undefined ? undefined : { version: match.bundle.version, schemaVersion: match.bundle.schemaVersion };
    };
  }
  const contents = await read(file);
  if (!contents.ok) {
    io.stderr(`liferay-rollout inspect: ${contents.error}\n`);
    return EXIT.usage;
  }
  const inspection = inspectArtifact(basename(file), contents.value, installedOf);
  io.stdout(parsed.values.json ? inspectionJson(inspection) : formatInspection(inspection));
  return EXIT.ok;
}
