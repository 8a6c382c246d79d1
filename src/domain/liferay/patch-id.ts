import type { ProductId } from './cluster-facts.ts';
import { parseReleaseName } from './release-name.ts';

/** Liferay build codes as they end a patch id: 7010 = DXP 7.0 ... 7413 = DXP 7.4. */
export type BuildCode = '7010' | '7110' | '7210' | '7310' | '7413';

/**
 * A fix pack or hotfix id as `patching-tool info` prints it. `id` is the normalised lower-case id
 * (`dxp-9-7110`, `hotfix-4445-7110`), never the zip name. A hotfix of a DXP 7.4 bundle release
 * (`liferay-dxp-2026.q1.2-hotfix-1.zip`, the name Liferay's release scripts give it) carries the
 * `release` it is built for (`2026.q1.2`; build 7413) and the id `dxp-2026.q1.2-hotfix-1` (the zip
 * name without `liferay-` and `.zip`, as `hotfix-4445-7110` is `liferay-hotfix-4445-7110.zip`'s;
 * what the Patching Tool prints for it is unconfirmed).
 */
export type PatchId =
  | { kind: 'fixpack'; family: 'de' | 'dxp'; number: number; build: BuildCode; id: string }
  | { kind: 'hotfix'; number: number; build: BuildCode; id: string; release?: string };

const PRODUCT_OF_BUILD: Readonly<Record<BuildCode, ProductId>> = {
  '7010': 'dxp-7.0',
  '7110': 'dxp-7.1',
  '7210': 'dxp-7.2',
  '7310': 'dxp-7.3',
  '7413': 'dxp-7.4',
};

const BUILD_OF_PRODUCT: Readonly<Record<ProductId, BuildCode>> = {
  'dxp-7.0': '7010',
  'dxp-7.1': '7110',
  'dxp-7.2': '7210',
  'dxp-7.3': '7310',
  'dxp-7.4': '7413',
};

/** Fix pack families per build: `de` only on 7.0, `dxp` on 7.1-7.3, none on 7.4 (updates instead). */
const FIXPACK_FAMILY_OF_BUILD: Readonly<Record<BuildCode, 'de' | 'dxp' | undefined>> = {
  '7010': 'de',
  '7110': 'dxp',
  '7210': 'dxp',
  '7310': 'dxp',
  '7413': undefined,
};

// Numbers: positive, no leading zeros, at most 9 digits (always a safe integer).
const NUMBER = '[1-9][0-9]{0,8}';
const BUILD = '7010|7110|7210|7310|7413';
const FIXPACK = new RegExp(`^(?:(de|dxp)-(${NUMBER})-(${BUILD})|liferay-fix-pack-(de|dxp)-(${NUMBER})-(${BUILD})\\.zip)$`);
const HOTFIX = new RegExp(`^(?:hotfix-(${NUMBER})-(${BUILD})|liferay-hotfix-(${NUMBER})-(${BUILD})\\.zip)$`);
/** `dxp-<release>-hotfix-<n>` or `liferay-dxp-<release>-hotfix-<n>.zip`; the release is checked by `parseReleaseName`. */
const RELEASE_HOTFIX = new RegExp(`^(?:dxp-([0-9a-z.-]+)-hotfix-(${NUMBER})|liferay-dxp-([0-9a-z.-]+)-hotfix-(${NUMBER})\\.zip)$`);

function isBuildCode(text: string): text is BuildCode {
  return Object.hasOwn(PRODUCT_OF_BUILD, text);
}

/**
 * Parse a patch id (`de-27-7010`, `dxp-9-7110`, `hotfix-4445-7110`) or its zip name
 * (`liferay-fix-pack-dxp-9-7110.zip`, `liferay-hotfix-4445-7110.zip`), case-insensitively, after
 * trimming. Fix packs must match their build's family (`de` = 7010, `dxp` = 7110/7210/7310; 7.4 has
 * none); hotfixes may name any build. Hotfixes of a 7.4 release: `dxp-2026.q1.2-hotfix-1` or
 * `liferay-dxp-2026.q1.2-hotfix-1.zip` (also `2025.q1.0-lts`, `7.4.13-u102`). Anything else is `undefined`.
 */
export function parsePatchId(text: string): PatchId | undefined {
  const lower = text.trim().toLowerCase();
  const fixpack = FIXPACK.exec(lower);
  if (fixpack) {
    const family = fixpack[1] ?? fixpack[4];
    const number = fixpack[2] ?? fixpack[5];
    const build = fixpack[3] ?? fixpack[6];
    if ((family !== 'de' && family !== 'dxp') || number === undefined || build === undefined || !isBuildCode(build)) return undefined;
    if (FIXPACK_FAMILY_OF_BUILD[build] !== family) return undefined;
    const n = Number(number);
    return { kind: 'fixpack', family, number: n, build, id: fixpackId(family, n, build) };
  }
  const hotfix = HOTFIX.exec(lower);
  if (hotfix) {
    const number = hotfix[1] ?? hotfix[3];
    const build = hotfix[2] ?? hotfix[4];
    if (number === undefined || build === undefined || !isBuildCode(build)) return undefined;
    const n = Number(number);
    return { kind: 'hotfix', number: n, build, id: `hotfix-${n}-${build}` };
  }
  const releaseHotfix = RELEASE_HOTFIX.exec(lower);
  if (releaseHotfix) {
    const release = parseReleaseName(releaseHotfix[1] ?? releaseHotfix[3] ?? '');
    const number = releaseHotfix[2] ?? releaseHotfix[4];
    if (release === undefined || number === undefined) return undefined;
    const n = Number(number);
    return { kind: 'hotfix', number: n, build: '7413', release: release.id, id: `dxp-${release.id}-hotfix-${n}` };
  }
  return undefined;
}

/** The zip a patch comes in, as the artifact folder and `patching-tool/patches/` hold it. */
export function patchZipName(patch: PatchId): string {
  if (patch.kind === 'fixpack') return `liferay-fix-pack-${patch.id}.zip`;
  return `liferay-${patch.id}.zip`;
}

/** 7010 -> dxp-7.0, 7110 -> dxp-7.1, 7210 -> dxp-7.2, 7310 -> dxp-7.3, 7413 -> dxp-7.4. */
export function productOfBuild(build: BuildCode): ProductId {
  return PRODUCT_OF_BUILD[build];
}

/** The inverse of `productOfBuild`. */
export function buildOfProduct(product: ProductId): BuildCode {
  return BUILD_OF_PRODUCT[product];
}

/**
 * Order two patches of one build by number (fix packs are cumulative within a build). Throws when
 * the builds or the kinds differ: comparing those is a bug in the caller.
 */
export function compareFixpacks(a: PatchId, b: PatchId): number {
  if (a.build !== b.build) throw new Error(`cannot compare patches of different builds: ${a.id} and ${b.id}`);
  if (a.kind !== b.kind) throw new Error(`cannot compare a fix pack with a hotfix: ${a.id} and ${b.id}`);
  return a.number - b.number;
}

/** `fixpackId('dxp', 15, '7110')` -> `dxp-15-7110`. */
export function fixpackId(family: 'de' | 'dxp', number: number, build: BuildCode): string {
  return `${family}-${number}-${build}`;
}
