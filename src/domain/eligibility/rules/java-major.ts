import { compareJavaVersions, parseJavaVersion } from '../../liferay/java-version.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import type { RuleOutcome } from '../verdict.ts';

/** LIFERAY.md §1: a Java update within the same major rolls; a new major needs all nodes down. */
export const javaMajor: EligibilityRule = {
  name: 'java-major',
  appliesTo: (r) => r.kind === 'java',
  check: ({ request, facts, answers }): RuleOutcome[] => {
    if (request.kind !== 'java') return [];
    const rule = javaMajor.name;
    const target = parseJavaVersion(request.version);
    if (target === undefined) return [];
    const current = facts.java === undefined ? undefined : parseJavaVersion(facts.java);
    if (current === undefined) {
      if (answers.javaSameMajor === true) {
        return [{ rule, outcome: 'pass', message: `confirmed by the requester: the nodes already run Java ${target.major}, so this is a same-major update` }];
      }
      if (answers.javaSameMajor === false) {
        return [{ rule, outcome: 'block', message: `confirmed by the requester: the nodes run another Java major than ${target.major}; a new Java major needs all nodes down` }];
      }
      return [
        {
          rule,
          outcome: 'confirm',
          message: `the Java version the nodes run now is not known, so it cannot be told whether ${target.normalized} is a new major`,
          question: { topic: 'java-major', text: `Do the nodes already run Java ${target.major}?`, subjects: [String(target.major)] },
        },
      ];
    }
    if (current.major !== target.major) {
      return [
        {
          rule,
          outcome: 'block',
          message: `Java ${current.major} -> ${target.major} is a new major: old and new nodes must not run side by side, so all nodes must be down`,
        },
      ];
    }
    const order = compareJavaVersions(target, current);
    if (order === 0) {
      return [{ rule, outcome: 'error', message: `the nodes already run Java ${current.raw}: nothing to do` }];
    }
    const direction = order > 0 ? 'update' : 'downgrade';
    return [{ rule, outcome: 'pass', message: `Java ${current.raw} -> ${target.raw} is a ${direction} within major ${target.major}: rolling-safe` }];
  },
};
