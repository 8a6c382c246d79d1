import { describe, expect, it } from 'vitest';
import { parsePatchArgument, type PatchNoun } from './parse-patch-argument.ts';

describe('parsePatchArgument', () => {
  it.each<[string, PatchNoun, string]>([
    ['dxp-14-7110', 'fixpack', 'dxp-14-7110'],
    ['LIFERAY-FIX-PACK-DE-27-7010.ZIP', 'fixpack', 'de-27-7010'],
    ['hotfix-4445-7110', 'hotfix', 'hotfix-4445-7110'],
    ['liferay-hotfix-4445-7413.zip', 'hotfix', 'hotfix-4445-7413'],
  ])('%j as %s -> %j', (token, noun, id) => {
    expect(parsePatchArgument(token, noun, 'install')).toEqual({ ok: true, value: id });
  });

  it.each<[string, PatchNoun, string]>([
    ['hotfix-4445-7110', 'fixpack', 'is a hotfix, not a fix pack: use "hotfix install"'],
    ['dxp-14-7110', 'hotfix', 'is a fix pack, not a hotfix: use "fixpack install"'],
    ['dxp-3-7413', 'fixpack', 'DXP 7.4 (build 7413) has no fix packs'],
    ['liferay-fix-pack-dxp-3-7413.zip', 'fixpack', 'has no fix packs'],
    ['dxp-3-7010', 'fixpack', '"de" fix packs are for build 7010'],
    ['dxp-3-7999', 'fixpack', 'is not a fix pack id (expected'],
    ['dxp-14-7110;', 'fixpack', 'shell metacharacter (";")'],
    ['hotfix-x-7110', 'hotfix', 'is not a hotfix id (expected'],
  ])('refuses %j as %s: %s', (token, noun, fragment) => {
    const result = parsePatchArgument(token, noun, 'install');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
