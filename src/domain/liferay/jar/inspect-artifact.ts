import type { JarFinding, SchemaChange } from './jar-finding.ts';
import { inspectBundle, type BundleInspection, type InstalledModule, type JarEntry } from './inspect-bundle.ts';

/** A module or plugin file as the zip adapter read it: one JAR/WAR's entries, or an `.lpkg`'s JARs. */
export type ArtifactContents =
  | { readonly kind: 'jar'; readonly entries: readonly JarEntry[] }
  | { readonly kind: 'lpkg'; readonly jars: readonly { readonly name: string; readonly entries: readonly JarEntry[] }[] };

export interface ArtifactInspection {
  readonly file: string;
  readonly bundles: readonly BundleInspection[];
  /** The worst of the bundles': breaking > unknown > additive > none. */
  readonly schemaChange: SchemaChange;
}

const RANK: Readonly<Record<SchemaChange, number>> = { none: 0, additive: 1, unknown: 2, breaking: 3 };

export function worstSchemaChange(changes: readonly SchemaChange[]): SchemaChange {
  return changes.reduce<SchemaChange>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'none');
}

/** Installed module by symbolic name (the facts' `modules`). */
export type InstalledLookup = (symbolicName: string | undefined) => InstalledModule | undefined;

/** Inspects every bundle of an artifact; in an `.lpkg` each finding's `where` starts with its JAR (`x.jar!com.acme.Foo`). */
export function inspectArtifact(file: string, contents: ArtifactContents, installedOf: InstalledLookup): ArtifactInspection {
  const one = (entries: readonly JarEntry[], entry?: string): BundleInspection => {
    const peek = inspectBundle(entries, undefined);
    const installed = installedOf(peek.bundle.symbolicName);
    const inspected = installed === undefined ? peek : inspectBundle(entries, installed);
    if (entry === undefined) return inspected;
    const findings: JarFinding[] = inspected.findings.map((f) => ({ ...f, where: `${entry}!${f.where}` }));
    return { ...inspected, entry, findings };
  };
  const bundles = contents.kind === 'jar' ? [one(contents.entries)] : contents.jars.map((jar) => one(jar.entries, jar.name));
  return { file, bundles, schemaChange: worstSchemaChange(bundles.map((b) => b.schemaChange)) };
}
