import type { EligibilityRule } from '../eligibility-rule.ts';

export const dryRun: EligibilityRule = {
  name: 'dry-run',
  appliesTo: (r) => r.dryRun,
  check: () => [{ rule: dryRun.name, outcome: 'note', message: 'dry run: the plan is shown and checked, nothing is changed on any node' }],
};
