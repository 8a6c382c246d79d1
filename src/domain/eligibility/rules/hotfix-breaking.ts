import { parsePatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { patchRevertibility } from '../patch-revertibility.ts';

/** LIFERAY.md §1: hotfixes roll unless marked as breaking (same criteria as fix packs). */
export const hotfixBreaking: EligibilityRule = {
  name: 'hotfix-breaking',
  appliesTo: (r) => r.kind === 'hotfix',
  check: ({ request, catalog, answers }) => {
    if (request.kind !== 'hotfix') return [];
    const patch = parsePatchId(request.patch);
    if (patch === undefined) return [];
    const status = patchRevertibility(patch, catalog, answers);
    if (status.kind === 'non-revertible') {
      return [
        {
          rule: hotfixBreaking.name,
          outcome: 'block',
          message: `${patch.id} is marked as breaking (${status.entry.reason}): old and new nodes cannot share the database, so all nodes must be down`,
        },
      ];
    }
    return [{ rule: hotfixBreaking.name, outcome: 'pass', message: `${patch.id} is not marked as breaking: it can be ${request.action === 'install' ? 'installed' : 'reverted'} node by node` }];
  },
};
