import type { EligibilityRule } from '../eligibility-rule.ts';

/** LIFERAY.md §1, §4: never hot deploy into a running clustered node; stop, place, start. */
export const coldDeploy: EligibilityRule = {
  name: 'no-hot-deploy',
  appliesTo: (r) => r.kind === 'module' || r.kind === 'plugin',
  check: ({ request }) => {
    if (request.kind !== 'module' && request.kind !== 'plugin') return [];
    return [
      {
        rule: coldDeploy.name,
        outcome: 'note',
        message: `${request.file} is put in place while each node is stopped and picked up when it starts: never hot-deployed into a running clustered node`,
      },
    ];
  },
};
