import { describe, expect, it } from 'vitest';
import type { ProductId } from './cluster-facts.ts';
import { buildOfProduct, compareFixpacks, fixpackId, parsePatchId, patchZipName, productOfBuild, type BuildCode, type PatchId } from './patch-id.ts';

function must(text: string): PatchId {
  const parsed = parsePatchId(text);
  if (parsed === undefined) throw new Error(`expected ${text} to parse`);
  return parsed;
}

describe('parsePatchId', () => {
  it.each<[string, PatchId]>([
    ['de-27-7010', { kind: 'fixpack', family: 'de', number: 27, build: '7010', id: 'de-27-7010' }],
    ['dxp-9-7110', { kind: 'fixpack', family: 'dxp', number: 9, build: '7110', id: 'dxp-9-7110' }],
    ['dxp-2-7210', { kind: 'fixpack', family: 'dxp', number: 2, build: '7210', id: 'dxp-2-7210' }],
    ['dxp-1-7310', { kind: 'fixpack', family: 'dxp', number: 1, build: '7310', id: 'dxp-1-7310' }],
    ['hotfix-4445-7110', { kind: 'hotfix', number: 4445, build: '7110', id: 'hotfix-4445-7110' }],
    ['hotfix-12-7413', { kind: 'hotfix', number: 12, build: '7413', id: 'hotfix-12-7413' }],
    ['hotfix-1-7010', { kind: 'hotfix', number: 1, build: '7010', id: 'hotfix-1-7010' }],
    ['liferay-fix-pack-dxp-9-7110.zip', { kind: 'fixpack', family: 'dxp', number: 9, build: '7110', id: 'dxp-9-7110' }],
    ['liferay-fix-pack-de-27-7010.zip', { kind: 'fixpack', family: 'de', number: 27, build: '7010', id: 'de-27-7010' }],
    ['liferay-hotfix-4445-7110.zip', { kind: 'hotfix', number: 4445, build: '7110', id: 'hotfix-4445-7110' }],
    ['DXP-14-7110', { kind: 'fixpack', family: 'dxp', number: 14, build: '7110', id: 'dxp-14-7110' }],
    ['Liferay-Fix-Pack-DE-32-7010.ZIP', { kind: 'fixpack', family: 'de', number: 32, build: '7010', id: 'de-32-7010' }],
    ['HotFix-4445-7210', { kind: 'hotfix', number: 4445, build: '7210', id: 'hotfix-4445-7210' }],
    ['  dxp-9-7110  ', { kind: 'fixpack', family: 'dxp', number: 9, build: '7110', id: 'dxp-9-7110' }],
    // Hotfixes of 7.4 bundle releases (liferay-docker release/_hotfix.sh: liferay-dxp-<release>-hotfix-<id>.zip)
    ['liferay-dxp-2026.q1.2-hotfix-1.zip', { kind: 'hotfix', number: 1, build: '7413', release: '2026.q1.2', id: 'dxp-2026.q1.2-hotfix-1' }],
    ['dxp-2026.q1.2-hotfix-1', { kind: 'hotfix', number: 1, build: '7413', release: '2026.q1.2', id: 'dxp-2026.q1.2-hotfix-1' }],
    ['Liferay-DXP-2025.Q1.0-LTS-hotfix-12.zip', { kind: 'hotfix', number: 12, build: '7413', release: '2025.q1.0-lts', id: 'dxp-2025.q1.0-lts-hotfix-12' }],
    ['liferay-dxp-7.4.13-u102-hotfix-3.zip', { kind: 'hotfix', number: 3, build: '7413', release: '7.4.13-u102', id: 'dxp-7.4.13-u102-hotfix-3' }],
  ])('parses %j', (text, expected) => {
    expect(parsePatchId(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['dxp-9', 'no build'],
    ['dxp-9-7010', 'dxp on 7.0'],
    ['de-27-7110', 'de on 7.1'],
    ['de-27-7310', 'de on 7.3'],
    ['dxp-3-7413', '7.4 has no fix packs'],
    ['liferay-fix-pack-dxp-3-7413.zip', '7.4 has no fix packs (zip)'],
    ['dxp-0-7110', 'zero'],
    ['dxp-09-7110', 'leading zero'],
    ['hotfix-0-7110', 'zero hotfix'],
    ['hotfix-007-7110', 'leading zeros hotfix'],
    ['dxp--9-7110', 'negative'],
    ['dxp-9-7111', 'unknown build'],
    ['dxp-9-7110.zip', 'zip without prefix'],
    ['liferay-fix-pack-dxp-9-7110', 'prefix without .zip'],
    ['liferay-fix-pack-hotfix-9-7110.zip', 'hotfix in fix pack zip'],
    ['liferay-hotfix-dxp-9-7110.zip', 'fix pack in hotfix zip'],
    ['fixpack-9-7110', 'wrong family'],
    ['dxp-9-7110 ; rm -rf /', 'trailing junk'],
    ['../dxp-9-7110', 'path'],
    ['dxp-1234567890-7110', 'too many digits'],
    ['dxp-٣-7110', 'non-ASCII digit'],
    ['liferay-dxp-2026.q5.2-hotfix-1.zip', 'no such quarter'],
    ['liferay-dxp-2026.q1-hotfix-1.zip', 'a quarter, not a release'],
    ['liferay-dxp-2026.q1.2-hotfix-0.zip', 'zero hotfix of a release'],
    ['liferay-dxp-2026.q1.2-hotfix-1', 'zip name without .zip'],
    ['dxp-2026.q1.2-hotfix-1.zip', 'id with .zip'],
    ['liferay-dxp-2026.q1.2-hotfix-1.zip;id', 'trailing junk after a release hotfix'],
    ['liferay-dxp-../2026.q1.2-hotfix-1.zip', 'path in a release hotfix'],
  ])('refuses %j (%s)', (text) => {
    expect(parsePatchId(text)).toBeUndefined();
  });
});

describe('patchZipName', () => {
  it.each([
    ['dxp-14-7110', 'liferay-fix-pack-dxp-14-7110.zip'],
    ['hotfix-4445-7110', 'liferay-hotfix-4445-7110.zip'],
    ['dxp-2026.q1.2-hotfix-1', 'liferay-dxp-2026.q1.2-hotfix-1.zip'],
  ])('%s comes as %s (and the zip name parses back to it)', (id, zip) => {
    expect(patchZipName(must(id))).toBe(zip);
    expect(must(zip).id).toBe(id);
  });
});

describe('productOfBuild / buildOfProduct', () => {
  it.each<[BuildCode, ProductId]>([
    ['7010', 'dxp-7.0'],
    ['7110', 'dxp-7.1'],
    ['7210', 'dxp-7.2'],
    ['7310', 'dxp-7.3'],
    ['7413', 'dxp-7.4'],
  ])('%s <-> %s', (build, product) => {
    expect(productOfBuild(build)).toBe(product);
    expect(buildOfProduct(product)).toBe(build);
  });
});

describe('compareFixpacks', () => {
  it.each([
    ['dxp-9-7110', 'dxp-10-7110', -1],
    ['dxp-10-7110', 'dxp-9-7110', 1],
    ['de-30-7010', 'liferay-fix-pack-de-30-7010.zip', 0],
    ['hotfix-2-7110', 'hotfix-10-7110', -1],
  ])('%s vs %s -> sign %i', (a, b, sign) => {
    expect(Math.sign(compareFixpacks(must(a), must(b)))).toBe(sign);
  });

  it.each([
    ['dxp-9-7110', 'dxp-9-7210', /different builds/],
    ['dxp-9-7110', 'hotfix-9-7110', /fix pack with a hotfix/],
  ])('throws for %s vs %s', (a, b, message) => {
    expect(() => compareFixpacks(must(a), must(b))).toThrow(message);
  });

  it('sorts fix packs numerically, not lexically', () => {
    const sorted = ['dxp-20-7110', 'dxp-3-7110', 'dxp-15-7110'].map(must).sort(compareFixpacks).map((p) => p.id);
    expect(sorted).toEqual(['dxp-3-7110', 'dxp-15-7110', 'dxp-20-7110']);
  });
});

describe('fixpackId', () => {
  it.each<['de' | 'dxp', number, BuildCode, string]>([
    ['dxp', 15, '7110', 'dxp-15-7110'],
    ['de', 32, '7010', 'de-32-7010'],
  ])('%s %i %s -> %s', (family, number, build, id) => {
    expect(fixpackId(family, number, build)).toBe(id);
    expect(parsePatchId(id)?.id).toBe(id);
  });
});
