import { parsePatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { patchRevertibility } from '../patch-revertibility.ts';
import type { RuleOutcome } from '../verdict.ts';

/** LIFERAY.md §1: a fix pack may be installed or reverted node by node only if it is revertible. */
export const fixpackTarget: EligibilityRule = {
  name: 'fixpack-revertible',
  appliesTo: (r) => r.kind === 'fixpack',
  check: ({ request, catalog, answers }): RuleOutcome[] => {
    if (request.kind !== 'fixpack') return [];
    const rule = fixpackTarget.name;
    const patch = parsePatchId(request.patch);
    if (patch === undefined) return [];
    const status = patchRevertibility(patch, catalog, answers);
    const verb = request.action === 'install' ? 'installing' : 'reverting';
    switch (status.kind) {
      case 'non-revertible':
        // Reverting one is not a full-shutdown job but a database restore: fixpack-revert-range refuses it.
        if (request.action === 'revert') return [];
        return [
          {
            rule,
            outcome: 'block',
            message: `${patch.id} is non-revertible (${status.entry.reason}): old and new nodes cannot share the database, so installing it needs all nodes down`,
          },
        ];
      case 'suspect':
        return [
          {
            rule,
            outcome: 'confirm',
            message: `${patch.id} is not in the catalog of non-revertible fix packs, but its number ends in zero, which often marks one: confirm it is revertible before ${verb} it node by node`,
            question: {
              topic: 'revertible',
              text: `Is ${patch.id} revertible? (Liferay Customer Portal, KB "Rolling Restart - Breaking Changes")`,
              subjects: [patch.id],
            },
          },
        ];
      case 'revertible':
        return [{ rule, outcome: 'pass', message: `${patch.id} is revertible: nodes with and without it can share the database while ${verb} it` }];
    }
  },
};
