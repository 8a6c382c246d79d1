import { parseJavaVersion } from '../../liferay/java-version.ts';
import { productLabel } from '../../liferay/product-label.ts';
import { compareReleaseNames, parseReleaseName, sameQuarter } from '../../liferay/release-name.ts';
import { javaForRelease } from '../../liferay/supported-java-majors.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import type { RuleOutcome } from '../verdict.ts';

/**
 * LIFERAY.md §1: 7.4 updates and quarterly releases replace the bundle; Liferay has not said they
 * are rolling-safe, so they need all nodes down unless the operator allows patch releases within
 * one quarter.
 */
export const releaseUpdate: EligibilityRule = {
  name: 'release-update',
  appliesTo: (r) => r.kind === 'release',
  check: ({ request, facts, policy }): RuleOutcome[] => {
    if (request.kind !== 'release') return [];
    const rule = releaseUpdate.name;
    const target = parseReleaseName(request.release);
    if (target === undefined) return [{ rule, outcome: 'error', message: `"${request.release}" is not a 7.4 update or quarterly release name` }];
    if (facts.product !== undefined && facts.product !== 'dxp-7.4') {
      return [{ rule, outcome: 'error', message: `${target.id} is a DXP 7.4 release but ${request.cluster} runs ${productLabel(facts.product)}, which is patched with fix packs` }];
    }
    const java = facts.java === undefined ? undefined : parseJavaVersion(facts.java);
    const javaOk = javaForRelease(target);
    if (java !== undefined && !javaOk.majors.includes(java.major)) {
      return [
        {
          rule,
          outcome: 'error',
          message: `${target.id} needs Java ${javaOk.majors.join(' or ')} but the nodes run Java ${java.major}: update Java first`,
        },
      ];
    }
    const current = facts.release === undefined ? undefined : parseReleaseName(facts.release);
    if (current !== undefined && compareReleaseNames(target, current) <= 0) {
      return [
        {
          rule,
          outcome: 'error',
          message: compareReleaseNames(target, current) === 0 ? `${target.id} is already installed on ${request.cluster}: nothing to do` : `${target.id} is older than the installed ${current.id}: releases cannot be downgraded in place`,
        },
      ];
    }
    const from = current === undefined ? 'the installed release (unknown)' : current.id;
    if (policy.allowRollingPatchRelease === true && current !== undefined && sameQuarter(current, target)) {
      return [
        {
          rule,
          outcome: 'pass',
          message: `${current.id} -> ${target.id} is a patch release within one quarter, which this cluster's policy allows by rolling restart (Liferay has not confirmed it)`,
        },
      ];
    }
    return [
      {
        rule,
        outcome: 'block',
        message: `${from} -> ${target.id} replaces the bundle; Liferay has not stated that 7.4 updates or quarterly releases are rolling-safe, so all nodes must be down`,
      },
    ];
  },
};
