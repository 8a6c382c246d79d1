import { compareFixpacks, parsePatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { installedFixpack } from '../installed-fixpack.ts';

/** Fix packs are cumulative: installing one at or below the installed level is a mistake, not a rollout. */
export const fixpackOrder: EligibilityRule = {
  name: 'fixpack-order',
  appliesTo: (r) => r.kind === 'fixpack' && r.action === 'install',
  check: ({ request, facts }) => {
    if (request.kind !== 'fixpack') return [];
    const target = parsePatchId(request.patch);
    if (target === undefined) return [];
    const installed = installedFixpack(facts, target.build);
    if (!installed.known || installed.fixpack === undefined) return [];
    const order = compareFixpacks(target, installed.fixpack);
    if (order === 0) {
      return [{ rule: fixpackOrder.name, outcome: 'error', message: `${target.id} is already installed on ${request.cluster}: nothing to do` }];
    }
    if (order < 0) {
      return [
        {
          rule: fixpackOrder.name,
          outcome: 'error',
          message: `${target.id} is lower than the installed ${installed.fixpack.id}: fix packs are cumulative, so going back is a revert ("fixpack revert ${installed.fixpack.id} on ${request.cluster}")`,
        },
      ];
    }
    return [];
  },
};
