import { parsePatchId } from '../../liferay/patch-id.ts';
import { parseReleaseName } from '../../liferay/release-name.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';

/**
 * A hotfix of a 7.4 release (`liferay-dxp-2026.q1.2-hotfix-1.zip`) is built for exactly that
 * release: on a node of another release it is an error with both named. Another product line
 * (a fix pack product) is `patch-build`'s error. An unknown installed release needs confirming: the fit is never guessed.
 */
export const hotfixRelease: EligibilityRule = {
  name: 'hotfix-release',
  appliesTo: (r) => r.kind === 'hotfix',
  check: ({ request, facts }) => {
    if (request.kind !== 'hotfix') return [];
    const patch = parsePatchId(request.patch);
    if (patch?.kind !== 'hotfix' || patch.release === undefined) return [];
    const rule = hotfixRelease.name;
    if (facts.product !== undefined && facts.product !== 'dxp-7.4') return [];
    const installed = facts.release === undefined ? undefined : parseReleaseName(facts.release);
    if (installed === undefined) {
      return [
        {
          rule,
          outcome: 'confirm',
          message: `the installed release of ${request.cluster} is not known: ${patch.id} fits only ${patch.release}; probe the nodes or declare "release" in the facts`,
          question: { topic: 'facts', text: `Which release does ${request.cluster} run?`, subjects: ['release'] },
        },
      ];
    }
    if (installed.id !== patch.release) {
      return [
        {
          rule,
          outcome: 'error',
          message: `${patch.id} is a hotfix for ${patch.release} but ${request.cluster} runs ${installed.id}: a hotfix fits only the release it was built for`,
        },
      ];
    }
    return [{ rule, outcome: 'pass', message: `${patch.id} is built for ${installed.id}, the release ${request.cluster} runs` }];
  },
};
