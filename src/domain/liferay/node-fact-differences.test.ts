import { describe, expect, it } from 'vitest';
import type { ClusterFacts } from './cluster-facts.ts';
import { differenceText, nodeFactDifferences } from './node-fact-differences.ts';
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
    [
      'the installed release, node by node',
      { node1: f([], '17', { product: 'dxp-7.4', release: '2026.q1.2' }), node2: f([], '17', { product: 'dxp-7.4', release: '2026.q1.3' }), node3: f([], '17', { product: 'dxp-7.4', release: '2026.q1.2' }) },
      ['release: node1, node3: 2026.q1.2; node2: 2026.q1.3'],
    ],
  ])('%s', (_name, nodeFacts, expected) => {
    expect(nodeFactDifferences(nodeFacts).map((d) => `${d.fact}: ${'byNode' in d ? d.byNode : differenceText(d)}`)).toEqual(expected);
  });

  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const probed = (extra: ClusterFacts): ClusterFacts => ({ ...f(['dxp-13-7110'], '8'), build: '7110', modules: { 'com.acme.greeting.service': { version: '1.0.0', schemaVersion: '1.0.0' } }, digests: { 'portal-ext.properties': A }, ...extra });
  it.each<[string, NodeFacts, string[]]>([
    ['probed and uniform: nothing', { node1: probed({}), node2: probed({}), node3: probed({}) }, []],
    ['portal-ext.properties on one node of three', { node1: probed({}), node2: probed({ digests: { 'portal-ext.properties': B } }), node3: probed({}) }, ['portal-ext.properties differs on node2']],
    [
      'a config file missing on one node, another only on one',
      { node1: probed({ digests: { 'portal-ext.properties': A, 'osgi/configs/a.config': A } }), node2: probed({ digests: { 'portal-ext.properties': A, 'osgi/configs/b.config': B } }), node3: probed({ digests: { 'portal-ext.properties': A, 'osgi/configs/a.config': A } }) },
      ['osgi/configs/a.config is missing on node2', 'osgi/configs/b.config is only on node2'],
    ],
    ['two nodes, each its own: the first is the reference', { node1: probed({}), node2: probed({ digests: { 'portal-ext.properties': B } }) }, ['portal-ext.properties differs on node2']],
    [
      'a module version, a module only on some nodes',
      {
        node1: probed({ modules: { 'com.acme.greeting.service': { version: '1.0.1', schemaVersion: '1.1.0' }, 'com.acme.extra': { version: '2.0.0' } } }),
        node2: probed({}),
        node3: probed({}),
      },
      ['module com.acme.extra differs: node1: 2.0.0; node2, node3: not installed', 'module com.acme.greeting.service differs: node1: 1.0.1 (schema 1.1.0); node2, node3: 1.0.0 (schema 1.0.0)'],
    ],
    ['Commerce and the build', { node1: probed({ commerce: '2.0.5' }), node2: probed({ commerce: '2.0.4', build: '7210' }) }, ['the nodes report different product builds: node1: 7110; node2: 7210', 'the nodes run different Commerce versions: node1: 2.0.5; node2: 2.0.4']],
    ['modules and digests are compared only among the nodes probed for them', { node1: probed({}), node2: f(['dxp-13-7110'], '8', { product: 'dxp-7.1', build: '7110' }) }, []],
  ])('%s', (_name, nodeFacts, expected) => {
    expect(nodeFactDifferences(nodeFacts).map(differenceText)).toEqual(expected);
  });
});
