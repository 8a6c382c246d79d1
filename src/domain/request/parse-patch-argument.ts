import { parsePatchId } from '../liferay/patch-id.ts';
import { err, ok, type Result } from '../result.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { quoteToken } from './quote-token.ts';

export type PatchNoun = 'fixpack' | 'hotfix';

const EXPECTED: Readonly<Record<PatchNoun, string>> = {
  fixpack: 'a fix pack id (expected e.g. dxp-14-7110, de-32-7010 or liferay-fix-pack-dxp-14-7110.zip)',
  hotfix: 'a hotfix id (expected e.g. hotfix-4445-7110, liferay-hotfix-4445-7110.zip or liferay-dxp-2026.q1.2-hotfix-1.zip)',
};

/** Fix-pack-shaped text whose family or build is wrong: `de-3-7110`, `dxp-3-7413`. */
const FIXPACK_SHAPE = /^(?:liferay-fix-pack-)?(de|dxp)-[0-9]+-([0-9]{4})(?:\.zip)?$/;

/**
 * The patch argument of `fixpack|hotfix install|revert`, as the normalised id (`dxp-9-7110`,
 * `hotfix-4445-7110`). It must parse with `parsePatchId` and be of the noun's kind.
 */
export function parsePatchArgument(token: string, noun: PatchNoun, verb: string): Result<string, string> {
  const shown = quoteToken(token);
  const unsafe = findUnsafeCharacter(token);
  if (unsafe !== undefined) return err(`${shown} ${unsafe}`);
  const patch = parsePatchId(token);
  if (patch === undefined) {
    const shape = FIXPACK_SHAPE.exec(token.toLowerCase());
    if (noun === 'fixpack' && shape?.[2] === '7413') return err(`${shown} is not a fix pack id: DXP 7.4 (build 7413) has no fix packs, use "release update"`);
    if (noun === 'fixpack' && shape !== null && /^(7010|7110|7210|7310)$/.test(shape[2] ?? '')) {
      return err(`${shown} is not a fix pack id: "de" fix packs are for build 7010, "dxp" fix packs for 7110, 7210 and 7310`);
    }
    return err(`${shown} is not ${EXPECTED[noun]}`);
  }
  if (patch.kind !== noun) {
    return patch.kind === 'hotfix'
      ? err(`${shown} is a hotfix, not a fix pack: use "hotfix ${verb}"`)
      : err(`${shown} is a fix pack, not a hotfix: use "fixpack ${verb}"`);
  }
  return ok(patch.id);
}
