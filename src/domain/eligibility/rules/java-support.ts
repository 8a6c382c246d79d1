import { parseJavaVersion } from '../../liferay/java-version.ts';
import { productLabel } from '../../liferay/product-label.ts';
import { supportedJavaMajors } from '../../liferay/supported-java-majors.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';

/** LIFERAY.md §3: a Java the product does not support is an error, not a verdict. */
export const javaSupport: EligibilityRule = {
  name: 'java-support',
  appliesTo: (r) => r.kind === 'java',
  check: ({ request, facts }) => {
    if (request.kind !== 'java') return [];
    const rule = javaSupport.name;
    const target = parseJavaVersion(request.version);
    if (target === undefined) return [{ rule, outcome: 'error', message: `"${request.version}" is not a Java version` }];
    if (facts.product === undefined) {
      return [{ rule, outcome: 'note', message: `the cluster's product is not known: could not check that Java ${target.major} is supported` }];
    }
    const support = supportedJavaMajors(facts.product, facts.release);
    const list = support.majors.join(', ');
    if (!support.majors.includes(target.major)) {
      return [{ rule, outcome: 'error', message: `Java ${target.major} is not supported by ${support.basis} (supported: ${list})` }];
    }
    if (!support.certain) {
      return [{ rule, outcome: 'note', message: `the cluster's 7.4 release is not known: Java ${target.major} is supported by some ${productLabel(facts.product)} releases only (check the compatibility matrix)` }];
    }
    return [{ rule, outcome: 'pass', message: `Java ${target.major} is supported by ${support.basis} (supported: ${list})` }];
  },
};
