import { parsePatchId, buildOfProduct, productOfBuild } from '../../liferay/patch-id.ts';
import { productLabel } from '../../liferay/product-label.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';

/** A patch must be built for the cluster's product (LIFERAY.md §2: another build is an error). */
export const patchBuild: EligibilityRule = {
  name: 'patch-build',
  appliesTo: (r) => r.kind === 'fixpack' || r.kind === 'hotfix',
  check: ({ request, facts }) => {
    if (request.kind !== 'fixpack' && request.kind !== 'hotfix') return [];
    const rule = patchBuild.name;
    const patch = parsePatchId(request.patch);
    if (patch === undefined) return [{ rule, outcome: 'error', message: `"${request.patch}" is not a Liferay patch id` }];
    const built = productOfBuild(patch.build);
    if (facts.product === undefined) {
      return [{ rule, outcome: 'note', message: `the cluster's product is not known: could not check that ${patch.id} (built for ${productLabel(built)}) fits it` }];
    }
    if (built !== facts.product) {
      const hint = facts.product === 'dxp-7.4' && request.kind === 'fixpack' ? '; DXP 7.4 has no fix packs, use "release update"' : '';
      return [
        {
          rule,
          outcome: 'error',
          message: `${patch.id} is built for ${productLabel(built)} (build ${patch.build}) but ${request.cluster} runs ${productLabel(facts.product)} (build ${buildOfProduct(facts.product)})${hint}`,
        },
      ];
    }
    return [{ rule, outcome: 'pass', message: `${patch.id} is built for ${productLabel(built)}, the product ${request.cluster} runs` }];
  },
};
