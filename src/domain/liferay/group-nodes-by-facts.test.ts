import { describe, expect, it } from 'vitest';
import type { ClusterFacts } from './cluster-facts.ts';
import { groupNodesByFacts } from './group-nodes-by-facts.ts';
import type { NodeFacts } from './node-facts.ts';

const f = (patches: string[] | undefined, java: string | undefined, extra: ClusterFacts = { product: 'dxp-7.1' }): ClusterFacts => ({
  ...extra,
  ...(patches === undefined ? {} : { patches }),
  ...(java === undefined ? {} : { java }),
});

describe('groupNodesByFacts', () => {
  const nodeFacts: NodeFacts = { node1: f(['dxp-14-7110'], '8'), node2: f(['dxp-13-7110'], '8'), node3: f(['DXP-14-7110'], '8'), node4: f(['dxp-13-7110'], '11') };
  it.each<[string, string[], string[][]]>([
    ['by equal facts, in the order of the first node', ['node1', 'node2', 'node3', 'node4'], [['node1', 'node3'], ['node2'], ['node4']]],
    ['only the nodes asked for', ['node2', 'node3'], [['node2'], ['node3']]],
    ['one group when they agree', ['node1', 'node3'], [['node1', 'node3']]],
  ])('%s', (_name, nodes, expected) => {
    expect(groupNodesByFacts(nodeFacts, nodes).map((g) => g.nodes)).toEqual(expected);
  });

  it('gives each group its facts', () => {
    expect(groupNodesByFacts(nodeFacts, ['node4'])).toEqual([{ nodes: ['node4'], facts: f(['dxp-13-7110'], '11') }]);
  });
});
