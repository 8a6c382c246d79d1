import semver from 'semver';
import { z } from 'zod';
import type { EligibilityRule } from '../eligibility-rule.ts';
import type { RuleOutcome } from '../verdict.ts';

const SemverLike = z.string().regex(/^\d+\.\d+\.\d+/);

function majorOf(version: string | undefined): number | undefined {
  if (version === undefined || !SemverLike.safeParse(version).success) return undefined;
  return semver.coerce(version)?.major;
}

/** Is `target` no newer than `installed`? Commerce versions as semver, coerced (`2.1` = `2.1.0`); one that is no version at all is not known to be older. */
function notNewer(target: string, installed: string): boolean {
  const a = semver.coerce(target);
  const b = semver.coerce(installed);
  return a !== null && b !== null && semver.lte(a, b);
}

/** LIFERAY.md §1: Commerce 2.x and below is updated together with the DXP fix pack; 3.0/4.0 are bundled. */
export const commercePairing: EligibilityRule = {
  name: 'commerce-pairing',
  appliesTo: (r) => r.kind === 'commerce' || (r.kind === 'fixpack' && r.action === 'install'),
  check: ({ request, facts }): RuleOutcome[] => {
    const rule = commercePairing.name;
    const currentMajor = majorOf(facts.commerce);
    if (request.kind === 'fixpack') {
      if (currentMajor === undefined || currentMajor > 2) return [];
      return [
        {
          rule,
          outcome: 'note',
          message: `Commerce ${facts.commerce} is installed: Commerce 2.x and below must be updated together with the DXP fix pack, to the latest Commerce micro version of its minor line`,
        },
      ];
    }
    if (request.kind !== 'commerce') return [];
    if (facts.product === 'dxp-7.3' || facts.product === 'dxp-7.4') {
      return [{ rule, outcome: 'error', message: `Commerce is bundled with ${facts.product === 'dxp-7.3' ? 'DXP 7.3 (Commerce 3.0)' : 'DXP 7.4 (Commerce 4.0)'}: update DXP instead` }];
    }
    const targetMajor = majorOf(request.version) ?? 0;
    if (targetMajor > 2) {
      return [{ rule, outcome: 'error', message: `Commerce ${request.version} is not a separate install: Commerce 3.0 ships with DXP 7.3 and 4.0 with DXP 7.4` }];
    }
    if (facts.commerce !== undefined && notNewer(request.version, facts.commerce)) {
      return [{ rule, outcome: 'error', message: `Commerce ${request.version} is not newer than the installed ${facts.commerce}` }];
    }
    return [
      {
        rule,
        outcome: 'note',
        message: `Commerce 2.x and below is updated together with the DXP fix pack, to the latest Commerce micro version of the minor line: pair this with the matching fix pack`,
      },
    ];
  },
};
