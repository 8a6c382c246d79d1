import { describe, expect, it } from 'vitest';
import type { ClusterFacts } from './cluster-facts.ts';
import { commonFacts } from './common-facts.ts';
import type { NodeFacts } from './node-facts.ts';

const f = (patches: string[] | undefined, java: string | undefined, extra: ClusterFacts = { product: 'dxp-7.1' }): ClusterFacts => ({
  ...extra,
  ...(patches === undefined ? {} : { patches }),
  ...(java === undefined ? {} : { java }),
});

describe('commonFacts', () => {
  it.each<[string, NodeFacts, ClusterFacts]>([
    ['no nodes', {}, {}],
    ['uniform', { node1: f(['dxp-13-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292') }, f(['dxp-13-7110'], '1.8.0_292')],
    ['patch order and case do not count', { node1: f(['hotfix-70-7110', 'dxp-13-7110'], '11'), node2: f(['DXP-13-7110', 'hotfix-70-7110'], '11') }, f(['hotfix-70-7110', 'dxp-13-7110'], '11')],
    ['patches differ: left out', { node1: f(['dxp-14-7110'], '1.8.0_292'), node2: f(['dxp-13-7110'], '1.8.0_292') }, f(undefined, '1.8.0_292')],
    ['one node does not know: left out', { node1: f(['dxp-14-7110'], '11'), node2: f(undefined, '11') }, f(undefined, '11')],
    ['declared facts shared by all stay', { node1: f([], '11', { product: 'dxp-7.1', nonRevertible: ['dxp-20-7110'] }), node2: f([], '8', { product: 'dxp-7.1', nonRevertible: ['dxp-20-7110'] }) }, { product: 'dxp-7.1', patches: [], nonRevertible: ['dxp-20-7110'] }],
    [
      'modules in agreement stay (key order does not count); digests never do',
      { node1: f([], '11', { build: '7110', modules: { a: { version: '1.0.0', schemaVersion: '1.0.0' } }, digests: { 'portal-ext.properties': 'x' } }), node2: f([], '11', { build: '7110', modules: { a: { schemaVersion: '1.0.0', version: '1.0.0' } }, digests: { 'portal-ext.properties': 'x' } }) },
      { patches: [], java: '11', build: '7110', modules: { a: { version: '1.0.0', schemaVersion: '1.0.0' } } },
    ],
    ['one module differs: the modules are left out', { node1: f([], '11', { modules: { a: { version: '1.0.0' } } }), node2: f([], '11', { modules: { a: { version: '1.0.1' } } }) }, { patches: [], java: '11' }],
  ])('%s', (_name, nodeFacts, expected) => {
    expect(commonFacts(nodeFacts)).toEqual(expected);
  });
});
