import { assertNever } from '../assert-never.ts';
import { parseJavaVersion } from './java-version.ts';
import type { ClusterFacts, InstalledModuleFacts } from './cluster-facts.ts';
import { factText } from './node-facts.ts';

/**
 * One way a node's facts now differ from the facts a verdict rested on. `file`: a digest of
 * `portal-ext.properties` or an `osgi/configs` file (by path relative to the Liferay home).
 */
export type FactChange =
  | { readonly fact: 'patches' | 'java' | 'build' | 'release' | 'commerce'; readonly from: string; readonly to: string }
  | { readonly fact: 'module'; readonly name: string; readonly from: InstalledModuleFacts | undefined; readonly to: InstalledModuleFacts | undefined }
  | { readonly fact: 'file'; readonly path: string; readonly change: 'changed' | 'added' | 'removed' };

const javaKey = (java: string): string => parseJavaVersion(java)?.normalized ?? java;

const SCALARS = ['build', 'release', 'commerce'] as const;

/**
 * What differs between the facts a verdict rested on (`assumed`) and what a node reports now
 * (`found`), in a fixed order: patches, Java, build, release, Commerce, then modules and files by
 * name. A fact either side does not know is not compared (a probe that could not read the modules,
 * a fact only declared). Patches compare as sets (order and case do not count), Java by its
 * normalised version (`8.0.292` = `1.8.0_292`), modules by version and schema version, files by digest.
 * Pure.
 */
export function factChanges(assumed: ClusterFacts, found: ClusterFacts): FactChange[] {
  const out: FactChange[] = [];
  const patchesBefore = factText(assumed, 'patches');
  const patchesNow = factText(found, 'patches');
  if (patchesBefore !== undefined && patchesNow !== undefined && patchesBefore !== patchesNow) out.push({ fact: 'patches', from: patchesBefore, to: patchesNow });
  if (assumed.java !== undefined && found.java !== undefined && javaKey(assumed.java) !== javaKey(found.java)) out.push({ fact: 'java', from: assumed.java, to: found.java });
  for (const fact of SCALARS) {
    const from = assumed[fact];
    const to = found[fact];
    if (from !== undefined && to !== undefined && from !== to) out.push({ fact, from, to });
  }
  if (assumed.modules !== undefined && found.modules !== undefined) {
    const before = assumed.modules;
    const now = found.modules;
    for (const name of [...new Set([...Object.keys(before), ...Object.keys(now)])].sort()) {
      const from = before[name];
      const to = now[name];
      if (from?.version !== to?.version || from?.schemaVersion !== to?.schemaVersion) out.push({ fact: 'module', name, from, to });
    }
  }
  if (assumed.digests !== undefined && found.digests !== undefined) {
    const before = assumed.digests;
    const now = found.digests;
    for (const path of [...new Set([...Object.keys(before), ...Object.keys(now)])].sort()) {
      const from = before[path];
      const to = now[path];
      if (from === to) continue;
      out.push({ fact: 'file', path, change: from === undefined ? 'added' : to === undefined ? 'removed' : 'changed' });
    }
  }
  return out;
}

const moduleText = (m: InstalledModuleFacts): string => (m.schemaVersion === undefined ? m.version : `${m.version} (schema ${m.schemaVersion})`);

/**
 * A change in words, after the node's name: `portal-ext.properties changed since the verdict`,
 * `module com.acme.blog 1.0.1 (schema 1.1.0) was deployed since the verdict`. Patches and Java keep
 * the preflight's older wording (`the verdict assumed patches dxp-14-7110 but it reports dxp-13-7110`).
 */
export function factChangeText(change: FactChange): string {
  switch (change.fact) {
    case 'patches':
      return `the verdict assumed patches ${change.from || 'none'} but it reports ${change.to || 'none'}`;
    case 'java':
      return `the verdict assumed Java ${change.from} but it runs ${change.to}`;
    case 'build':
      return `the product build changed since the verdict (${change.from} → ${change.to})`;
    case 'release':
      return `the release changed since the verdict (${change.from} → ${change.to})`;
    case 'commerce':
      return `Commerce changed since the verdict (${change.from} → ${change.to})`;
    case 'module': {
      const { name, from, to } = change;
      if (from === undefined) return `module ${name}${to === undefined ? '' : ` ${moduleText(to)}`} was deployed since the verdict`;
      if (to === undefined) return `module ${name} ${moduleText(from)} was removed since the verdict`;
      return `module ${name} changed since the verdict (${moduleText(from)} → ${moduleText(to)})`;
    }
    case 'file':
      return change.change === 'changed' ? `${change.path} changed since the verdict` : `${change.path} was ${change.change} since the verdict`;
  }
  return assertNever(change, 'fact change');
}
