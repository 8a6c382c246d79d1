import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../test/builders/a-rollout-plan.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import { expectedNodeFacts, preflightMismatch } from './preflight-mismatch.ts';

const f = (patches: string[] | undefined, java?: string): ClusterFacts => ({ ...(patches === undefined ? {} : { patches }), ...(java === undefined ? {} : { java }) });
const mixed: NodeFacts = { node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292'), node3: f(['dxp-13-7110'], '1.8.0_292') };

describe('preflightMismatch', () => {
  it.each<[string, NodeFacts, Record<string, ClusterFacts>, string[]]>([
    ['a mixed cluster as the verdict saw it: fine', mixed, { node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292'), node3: f(['dxp-13-7110'], '1.8.0_292') }, []],
    ['patch order, case and Java spelling do not count', { node1: f(['hotfix-70-7110', 'dxp-13-7110'], '1.8.0_292') }, { node1: f(['DXP-13-7110', 'hotfix-70-7110'], '8.0.292') }, []],
    [
      'a skipped node lost its patch since the verdict',
      mixed,
      { node1: f(['dxp-13-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292'), node3: f(['dxp-13-7110'], '1.8.0_292') },
      ['node1: the verdict assumed patches dxp-14-7110 but it reports dxp-13-7110'],
    ],
    [
      'patches and Java, one line per node, in the verdict\'s order',
      mixed,
      { node3: f([], '11.0.22'), node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '11.0.22') },
      ['node2: the verdict assumed Java 1.8.0_292 but it runs 11.0.22', 'node3: the verdict assumed patches dxp-13-7110 but it reports none; the verdict assumed Java 1.8.0_292 but it runs 11.0.22'],
    ],
    ['a node not probed is not fine', mixed, { node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292') }, ['node3: not probed']],
    ['a fact either side does not know is not compared', { node1: f(undefined, '1.8.0_292'), node2: f(['dxp-13-7110']) }, { node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(undefined, '11.0.22') }, []],
    ['no expectations (an old record): nothing to say', {}, { node1: f(['dxp-13-7110']) }, []],
  ])('%s', (_name, expected, probed, lines) => {
    expect(preflightMismatch(expected, new Map(Object.entries(probed)))).toEqual(lines);
  });
});

describe('expectedNodeFacts', () => {
  it('takes the plan\'s own per-node facts', () => {
    const plan = { ...aRolloutPlan().build(), nodeFacts: mixed };
    expect(expectedNodeFacts(plan, f(['dxp-1-7110']))).toBe(mixed);
  });

  it('falls back to the cluster-wide facts for every node of a plan stored without them', () => {
    const { nodeFacts: _dropped, ...old } = aRolloutPlan().build();
    const plan = old as unknown as Parameters<typeof expectedNodeFacts>[0];
    expect(expectedNodeFacts(plan, f(['dxp-13-7110']))).toEqual({ node1: f(['dxp-13-7110']), node2: f(['dxp-13-7110']), node3: f(['dxp-13-7110']) });
  });
});
