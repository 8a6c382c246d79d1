import { maskedJvmOption } from '../../liferay/masked-request.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import type { RuleOutcome } from '../verdict.ts';

/** JVM options Liferay requires (LIFERAY.md §4): never removed, never set to another value. */
const REQUIRED: Readonly<Record<string, string>> = {
  '-Dfile.encoding': 'UTF-8',
  '-Duser.timezone': 'GMT',
};

function keyOf(option: string): string {
  const eq = option.indexOf('=');
  return eq === -1 ? option : option.slice(0, eq);
}

/** LIFERAY.md §1: app server / JVM settings (setenv.sh) are rolling-safe. */
export const jvmSettings: EligibilityRule = {
  name: 'jvm-settings',
  appliesTo: (r) => r.kind === 'jvm',
  check: ({ request }): RuleOutcome[] => {
    if (request.kind !== 'jvm') return [];
    const rule = jvmSettings.name;
    for (const option of request.options) {
      const key = keyOf(option);
      const required = REQUIRED[key];
      if (required === undefined) continue;
      if (request.action === 'unset') {
        return [{ rule, outcome: 'error', message: `${key}=${required} is required by Liferay and cannot be removed from setenv.sh` }];
      }
      if (option !== `${key}=${required}`) {
        return [{ rule, outcome: 'error', message: `Liferay requires ${key}=${required}; "${option}" would break it` }];
      }
    }
    return [
      {
        rule,
        outcome: 'pass',
        message: `JVM options in setenv.sh (CATALINA_OPTS: ${request.options.map(maskedJvmOption).join(' ')}) are rolling-safe: each node picks them up when it restarts`,
      },
    ];
  },
};
