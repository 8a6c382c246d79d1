import { describe, expect, it } from 'vitest';
import type { ClusterFacts } from './cluster-facts.ts';
import { nodeFactDifferences } from './node-fact-differences.ts';
import type { NodeFacts } from './node-facts.ts';

const f = (patches: string[] | undefined, java: string | undefined, extra: ClusterFacts = { product: 'dxp-7.1' }): ClusterFacts => ({
  ...extra,
  ...(patches === undefined ? {} : { patches }),
  ...(java === undefined ? {} : { java }),
});

describe('nodeFactDifferences', () => {
  it.each<[string, NodeFacts, string[]]>([
    ['uniform: nothing', { node1: f(['dxp-13-7110'], '8'), node2: f(['dxp-13-7110'], '8') }, []],
    ['patches, grouped in inventory order', { node1: f(['dxp-14-7110'], '8'), node2: f(['dxp-13-7110'], '8'), node3: f(['dxp-13-7110'], '8') }, ['patches: node1: dxp-14-7110; node2, node3: dxp-13-7110']],
    ['none and unknown are said so', { node1: f([], '8'), node2: f(undefined, '8') }, ['patches: node1: none; node2: unknown']],
    ['Java too', { node1: f([], '11.0.22'), node2: f([], '1.8.0_292') }, ['java: node1: 11.0.22; node2: 1.8.0_292']],
  ])('%s', (_name, nodeFacts, expected) => {
    expect(nodeFactDifferences(nodeFacts).map((d) => `${d.fact}: ${d.byNode}`)).toEqual(expected);
  });
});
