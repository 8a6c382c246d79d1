import { describe, expect, it } from 'vitest';
import { aRequest } from '../../../test/builders/a-rollout-plan.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { needFromFacts } from './need-from-facts.ts';

const at = (patches: string[] | undefined, java?: string): ClusterFacts => ({ product: 'dxp-7.1', ...(patches === undefined ? {} : { patches }), ...(java === undefined ? {} : { java }) });

describe('needFromFacts', () => {
  it.each([
    ['install, already at the level', 'fixpack install dxp-14-7110 on prod', at(['dxp-14-7110']), 'done', 'already has dxp-14-7110'],
    ['install, below the level', 'fixpack install dxp-14-7110 on prod', at(['dxp-13-7110', 'hotfix-70-7110']), 'needed', 'has dxp-13-7110'],
    ['install, above the level (the verdict refuses it)', 'fixpack install dxp-14-7110 on prod', at(['dxp-15-7110']), 'needed', 'has dxp-15-7110'],
    ['install, no fix pack yet', 'fixpack install dxp-14-7110 on prod', at([]), 'needed', 'has no fix pack'],
    ['install, patches unknown', 'fixpack install dxp-14-7110 on prod', at(undefined), 'unknown', 'its installed patches are not known'],
    ['install, zip name and upper case', 'fixpack install liferay-fix-pack-dxp-14-7110.zip on prod', at(['DXP-14-7110']), 'done', 'already has dxp-14-7110'],
    ['revert, installed', 'fixpack revert dxp-14-7110 on prod', at(['dxp-14-7110']), 'needed', 'has dxp-14-7110'],
    ['revert, already below it', 'fixpack revert dxp-14-7110 on prod', at(['dxp-13-7110']), 'done', 'has no dxp-14-7110 to revert (installed: dxp-13-7110)'],
    ['revert, no fix pack at all', 'fixpack revert dxp-14-7110 on prod', at([]), 'done', 'has no dxp-14-7110 to revert (installed: no fix pack)'],
    ['revert, above it (the verdict refuses it)', 'fixpack revert dxp-14-7110 on prod', at(['dxp-15-7110']), 'needed', 'has dxp-15-7110'],
    ['hotfix install, present', 'hotfix install hotfix-77-7110 on prod', at(['dxp-13-7110', 'hotfix-77-7110']), 'done', 'already has hotfix-77-7110'],
    ['hotfix install, absent', 'hotfix install hotfix-77-7110 on prod', at(['dxp-13-7110']), 'needed', 'has no hotfix-77-7110'],
    ['hotfix revert, present', 'hotfix revert hotfix-77-7110 on prod', at(['hotfix-77-7110']), 'needed', 'has hotfix-77-7110'],
    ['hotfix revert, absent', 'hotfix revert hotfix-77-7110 on prod', at(['dxp-13-7110']), 'done', 'has no hotfix-77-7110 to revert'],
    ['hotfix, patches unknown', 'hotfix install hotfix-77-7110 on prod', at(undefined), 'unknown', 'its installed patches are not known'],
    ['java, same version in another spelling', 'java update 8.0.402 on prod', at([], '1.8.0_402'), 'done', 'already runs Java 1.8.0_402'],
    ['java, older update', 'java update 1.8.0_402 on prod', at([], '1.8.0_292'), 'needed', 'runs Java 1.8.0_292'],
    ['java, other major', 'java update 11.0.22 on prod', at([], '1.8.0_292'), 'needed', 'runs Java 1.8.0_292'],
    ['java, unknown', 'java update 11.0.22 on prod', at([]), 'unknown', 'the Java it runs is not known'],
  ])('%s', (_name, text, facts, need, detail) => {
    expect(needFromFacts(aRequest(text), facts)).toEqual({ kind: need, detail });
  });

  it.each([
    ['property set a.b=c on prod'],
    ['module install acme-1.0.0.jar on prod'],
    ['config set com.acme.Foo enabled=true on prod'],
    ['jvm set -Xmx4g on prod'],
    ['commerce update 2.0.6 on prod'],
  ])('leaves %s to a look at the node', (text) => {
    expect(needFromFacts(aRequest(text), at(['dxp-14-7110'], '1.8.0_292'))).toBeUndefined();
  });
});
