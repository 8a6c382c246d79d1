import { parsePatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';

/** A hotfix is installed once and reverted only when present. */
export const hotfixInstalled: EligibilityRule = {
  name: 'hotfix-installed',
  appliesTo: (r) => r.kind === 'hotfix',
  check: ({ request, facts }) => {
    if (request.kind !== 'hotfix' || facts.patches === undefined) return [];
    const patch = parsePatchId(request.patch);
    if (patch === undefined) return [];
    const present = facts.patches.some((p) => parsePatchId(p)?.id === patch.id);
    if (request.action === 'install' && present) {
      return [{ rule: hotfixInstalled.name, outcome: 'error', message: `${patch.id} is already installed on ${request.cluster}: nothing to do` }];
    }
    if (request.action === 'revert' && !present) {
      return [{ rule: hotfixInstalled.name, outcome: 'error', message: `${patch.id} is not installed on ${request.cluster}: there is nothing to revert` }];
    }
    return [];
  },
};
