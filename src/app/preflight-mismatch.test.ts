import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../test/builders/a-rollout-plan.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import type { ChangeAction } from '../domain/plan/change-action.ts';
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

describe('preflightMismatch: every fact the verdict used × changed or not × node already changed by this rollout or not', () => {
  const base: ClusterFacts = {
    patches: ['dxp-13-7110'],
    java: '1.8.0_292',
    build: '7110',
    commerce: '2.0.5',
    modules: { 'com.acme.blog': { version: '1.0.0', schemaVersion: '1.0.0' } },
    digests: { 'portal-ext.properties': 'a'.repeat(64), 'osgi/configs/com.acme.Foo.config': 'b'.repeat(64) },
  };
  const propertySet: ChangeAction = { type: 'set-properties', settings: [{ key: 'a', value: 'b' }] };
  const moduleUpdate: ChangeAction = { type: 'place-file', file: 'com.acme.blog-1.1.0.jar', dir: 'osgi/modules', replacesGlob: 'com.acme.blog-[0-9]*.jar' };
  const patchInstall: ChangeAction = { type: 'patch-install', patch: 'dxp-14-7110', zip: 'liferay-fix-pack-dxp-14-7110.zip', removeZipsMatching: undefined, clearWork: false };
  const configSet: ChangeAction = { type: 'set-osgi-config', pid: 'com.acme.Foo', settings: [{ key: 'a', value: 'b' }] };
  const commerceUpdate: ChangeAction = { type: 'place-file', file: 'liferay-commerce-2.0.6.lpkg', dir: 'osgi/marketplace', replacesGlob: 'liferay-commerce-[0-9]*.lpkg' };
  const jvmSet: ChangeAction = { type: 'jvm-options', action: 'set', options: ['-Xmx4g'], setenv: 'tomcat/bin/setenv.sh' };
  const javaUpdate: ChangeAction = { type: 'java-home', javaHome: '/opt/jdk11', major: 11, setenv: 'tomcat/bin/setenv.sh' };

  const kinds: [string, ChangeAction, ClusterFacts, string][] = [
    ['patches', patchInstall, { ...base, patches: ['dxp-14-7110'] }, 'the verdict assumed patches dxp-13-7110 but it reports dxp-14-7110'],
    ['Java', javaUpdate, { ...base, java: '11.0.22' }, 'the verdict assumed Java 1.8.0_292 but it runs 11.0.22'],
    ['the product build', patchInstall, { ...base, build: '7210' }, 'the product build changed since the verdict (7110 → 7210)'],
    ['Commerce', commerceUpdate, { ...base, commerce: '2.0.6' }, 'Commerce changed since the verdict (2.0.5 → 2.0.6)'],
    ['a module deployed', moduleUpdate, { ...base, modules: { ...base.modules, 'com.acme.new': { version: '1.0.0' } } }, 'module com.acme.new 1.0.0 was deployed since the verdict'],
    ['a module removed', moduleUpdate, { ...base, modules: {} }, 'module com.acme.blog 1.0.0 (schema 1.0.0) was removed since the verdict'],
    ['a module version', moduleUpdate, { ...base, modules: { 'com.acme.blog': { version: '1.1.0', schemaVersion: '1.0.0' } } }, 'module com.acme.blog changed since the verdict (1.0.0 (schema 1.0.0) → 1.1.0 (schema 1.0.0))'],
    ['a module schema version', moduleUpdate, { ...base, modules: { 'com.acme.blog': { version: '1.0.0', schemaVersion: '2.0.0' } } }, 'module com.acme.blog changed since the verdict (1.0.0 (schema 1.0.0) → 1.0.0 (schema 2.0.0))'],
    ['portal-ext.properties', propertySet, { ...base, digests: { ...base.digests, 'portal-ext.properties': 'c'.repeat(64) } }, 'portal-ext.properties changed since the verdict'],
    ['an osgi/configs file', configSet, { ...base, digests: { ...base.digests, 'osgi/configs/com.acme.Foo.config': 'c'.repeat(64) } }, 'osgi/configs/com.acme.Foo.config changed since the verdict'],
    ['an osgi/configs file added', configSet, { ...base, digests: { 'portal-ext.properties': 'a'.repeat(64), 'osgi/configs/com.acme.Foo.config': 'b'.repeat(64), 'osgi/configs/com.acme.Bar.config': 'd'.repeat(64) } }, 'osgi/configs/com.acme.Bar.config was added since the verdict'],
  ];
  // What the change does not itself change still counts on a node the rollout changed: another osgi/configs file, the build under a patch.
  const exempt = (name: string): boolean => name !== 'an osgi/configs file added' && name !== 'the product build';

  const table = kinds.flatMap(([name, change, found, line]) => [
    { name: `${name} unchanged, node not changed by this rollout`, change, found: base, ours: false, lines: [] as string[] },
    { name: `${name} unchanged, node changed by this rollout`, change, found: base, ours: true, lines: [] as string[] },
    { name: `${name} changed, node not changed by this rollout`, change, found, ours: false, lines: [`node2: ${line}`] },
    { name: `${name} changed, node changed by this rollout (by this change)`, change, found, ours: true, lines: exempt(name) ? [] : [`node2: ${line}`] },
    // The same difference on a node this rollout changed with another kind of change: it counts.
    { name: `${name} changed, node changed by this rollout with a JVM option`, change: jvmSet, found, ours: true, lines: [`node2: ${line}`] },
  ]);

  it.each(table)('$name', ({ change, found, ours, lines }) => {
    expect(preflightMismatch({ node2: base }, new Map([['node2', found]]), { change, changedByThisRollout: new Set(ours ? ['node2'] : []) })).toEqual(lines);
  });

  it('several changes on one node are one line; a fact the probe could not read is not compared', () => {
    const found: ClusterFacts = { patches: ['dxp-13-7110'], java: '1.8.0_292', digests: { ...base.digests, 'portal-ext.properties': 'c'.repeat(64) }, commerce: '2.0.6' };
    expect(preflightMismatch({ node2: base }, new Map([['node2', found]]))).toEqual(['node2: Commerce changed since the verdict (2.0.5 → 2.0.6); portal-ext.properties changed since the verdict']);
  });
});
