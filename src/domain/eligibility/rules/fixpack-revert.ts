import { parsePatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { installedFixpack } from '../installed-fixpack.ts';

/** Only the fix pack that is installed can be reverted. */
export const fixpackRevert: EligibilityRule = {
  name: 'fixpack-installed',
  appliesTo: (r) => r.kind === 'fixpack' && r.action === 'revert',
  check: ({ request, facts }) => {
    if (request.kind !== 'fixpack') return [];
    const rule = fixpackRevert.name;
    const target = parsePatchId(request.patch);
    if (target === undefined) return [];
    const installed = installedFixpack(facts, target.build);
    if (!installed.known) {
      return [{ rule, outcome: 'note', message: `the installed fix pack level of ${request.cluster} is unknown: the preflight will check that ${target.id} is installed on every node` }];
    }
    if (installed.fixpack?.id !== target.id) {
      return [
        {
          rule,
          outcome: 'error',
          message: `${target.id} is not the installed fix pack of ${request.cluster} (installed: ${installed.fixpack?.id ?? 'none'}): only the installed fix pack can be reverted`,
        },
      ];
    }
    return [{ rule, outcome: 'note', message: `Patching Tool's revert removes ${target.id} together with any hotfix installed on top of it` }];
  },
};
