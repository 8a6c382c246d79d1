import type { ClusterFacts } from './cluster-facts.ts';
import { parseJavaVersion } from './java-version.ts';
import { manifestHeader, parseManifest } from './jar/parse-manifest.ts';
import { parsePatchingToolInfo } from './patching-tool-info.ts';
import { parseReleaseName } from './release-name.ts';

/** What one node's probe found, and what it could not read (each a short phrase). */
export interface NodeProbe {
  readonly facts: ClusterFacts;
  /** Installed patch ids as `patching-tool info` listed them; undefined without a Patching Tool. */
  readonly patches: readonly string[] | undefined;
  readonly java: string | undefined;
  /** The installed DXP 7.4 release (`2026.q1.2`, `7.4.13-u102`) as `.liferay-version` names it; undefined when not read. */
  readonly release: string | undefined;
  /** E.g. `the modules' manifests (no unzip, python3 or bsdtar on the node)`. */
  readonly unread: readonly string[];
}

const SECTION = /^--- (java|release|modules|marketplace|digests|end)$/m;

/** The text of each `--- <name>` section of `probeCommand`'s output; the part before the first is `info`. */
function sections(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = 'info';
  let rest = stdout;
  for (;;) {
    const match = SECTION.exec(rest);
    if (match === null) {
      out.set(name, rest);
      return out;
    }
    out.set(name, rest.slice(0, match.index));
    name = match[1] ?? '';
    rest = rest.slice(match.index + match[0].length + 1);
  }
}

/** `--- <marker> <name>` blocks of a section: name -> the text below it. */
function entries(section: string, marker: 'jar' | 'lpkg'): [string, string][] {
  const parts = section.split(new RegExp(`^--- ${marker} (.+)$`, 'm'));
  const out: [string, string][] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) out.push([parts[i] ?? '', parts[i + 1] ?? '']);
  return out;
}

const VERSION_IN_NAME = /(\d+\.\d+(?:\.\d+)*)/;

/** `key=value` of a .properties text (no escapes or continuations: what liferay-marketplace.properties holds). */
function propertyOf(text: string, key: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^=:#!\s]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m?.[1] === key) return m[2];
  }
  return undefined;
}

/**
 * The installed release from the bundle's own release information: `.liferay-version` at the root
 * of the bundle (the Liferay home, `liferay-dxp/`), one line with the product version the bundle
 * was built as (`2026.q1.2`, `2025.q1.0-lts`, `7.4.13-u102`). Liferay's release scripts write it
 * into every bundle they package (github.com/liferay/liferay-docker, release/_package.sh,
 * `package_release`: `echo "${_PRODUCT_VERSION}" > "${package_dir}/.liferay-version"`, beside the
 * empty `.liferay-home` marker and `.githash`). The `release.properties` published next to a bundle
 * on releases.liferay.com (`liferay.product.version=DXP 2026.Q1.2`) is not inside the bundle.
 * `unread` when the section is there but says nothing usable on a 7.4 build; a 7.0-7.3 home has no
 * such file and nothing to say.
 */
function releaseOf(section: string | undefined, build: string | undefined): { release: string | undefined; unread: string | undefined } {
  if (section === undefined) return { release: undefined, unread: undefined };
  const line = section.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
  if (line === undefined) return { release: undefined, unread: build === '7413' ? 'the installed release (no .liferay-version in the Liferay home)' : undefined };
  const name = parseReleaseName(line);
  if (name === undefined) return { release: undefined, unread: `the installed release (.liferay-version holds no release name)` };
  return { release: name.id, unread: undefined };
}

/**
 * `probeCommand`'s output as facts: installed patches and the product build (`patching-tool info`),
 * Java, the modules of `osgi/modules` by symbolic name (version, `Liferay-Require-SchemaVersion`),
 * Commerce (its `.lpkg`'s `liferay-marketplace.properties` version, else the version in the file
 * name), the sha256 digests, and the installed release (`.liferay-version`; then `product` is
 * `dxp-7.4`, the product line of every update and quarterly release). A section the output lacks (an older probe, a scripted node)
 * leaves its facts out. Pure; never throws.
 */
export function parseNodeProbe(stdout: string): NodeProbe {
  const parts = sections(stdout);
  const unread: string[] = [];
  const info = parsePatchingToolInfo(parts.get('info') ?? '');
  const build = /^\s*\*\s*build number:\s*(\d+)\s*$/m.exec(parts.get('info') ?? '')?.[1];
  const rawJava = /version "([^"]+)"/.exec(parts.get('java') ?? '')?.[1];
  const java = rawJava !== undefined && parseJavaVersion(rawJava) !== undefined ? rawJava : undefined;
  const { release, unread: releaseUnread } = releaseOf(parts.get('release'), build);
  if (releaseUnread !== undefined) unread.push(releaseUnread);

  let modules: NonNullable<ClusterFacts['modules']> | undefined;
  const moduleText = parts.get('modules');
  if (moduleText !== undefined) {
    if (/^--- no-zip-reader$/m.test(moduleText)) unread.push("the modules' manifests (no unzip, python3 or bsdtar on the node)");
    else {
      modules = {};
      for (const [, manifest] of entries(moduleText, 'jar')) {
        const headers = parseManifest(manifest);
        const name = manifestHeader(headers, 'Bundle-SymbolicName')?.split(';')[0]?.trim();
        if (name === undefined || name === '') continue;
        const schemaVersion = manifestHeader(headers, 'Liferay-Require-SchemaVersion');
        modules[name] = { version: manifestHeader(headers, 'Bundle-Version') ?? '0.0.0', ...(schemaVersion === undefined ? {} : { schemaVersion }) };
      }
    }
  }

  let commerce: string | undefined;
  const marketplace = parts.get('marketplace');
  if (marketplace !== undefined) {
    if (/^--- no-zip-reader$/m.test(marketplace)) unread.push("Commerce's .lpkg (no unzip, python3 or bsdtar on the node)");
    for (const [file, properties] of entries(marketplace, 'lpkg')) {
      commerce ??= propertyOf(properties, 'version') ?? VERSION_IN_NAME.exec(file)?.[1];
    }
  }

  let digests: Record<string, string> | undefined;
  const digestText = parts.get('digests');
  if (digestText !== undefined) {
    digests = {};
    for (const line of digestText.split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (m?.[1] !== undefined && m[2] !== undefined) digests[m[2]] = m[1];
    }
  }

  const facts: ClusterFacts = {
    ...(release === undefined ? {} : { product: 'dxp-7.4' as const, release }),
    ...(info === undefined ? {} : { patches: [...info.installed] }),
    ...(java === undefined ? {} : { java }),
    ...(build === undefined ? {} : { build }),
    ...(modules === undefined ? {} : { modules }),
    ...(commerce === undefined ? {} : { commerce }),
    ...(digests === undefined ? {} : { digests }),
  };
  return { facts, patches: info?.installed, java: rawJava, release, unread };
}
