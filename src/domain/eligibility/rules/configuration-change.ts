import type { EligibilityRule } from '../eligibility-rule.ts';

/** LIFERAY.md §1: portal-ext.properties and Configuration Admin files are rolling-safe (read at start). */
export const configurationChange: EligibilityRule = {
  name: 'configuration-change',
  appliesTo: (r) => r.kind === 'property' || r.kind === 'config',
  check: ({ request }) => {
    const rule = configurationChange.name;
    if (request.kind === 'property') {
      const keys = request.action === 'set' ? request.settings.map((s) => s.key) : request.keys;
      return [
        {
          rule,
          outcome: 'pass',
          message: `portal-ext.properties changes (${keys.join(', ')}) are rolling-safe: each node reads them when it starts, everything else in the file is kept`,
        },
      ];
    }
    if (request.kind === 'config') {
      return [
        {
          rule,
          outcome: 'pass',
          message: `osgi/configs/${request.pid}.config is rolling-safe: written while the node is stopped (never into a running node) and read when it starts`,
        },
      ];
    }
    return [];
  },
};
