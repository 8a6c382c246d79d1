import { describe, expect, it } from 'vitest';
import { sha256Hex as hash } from '../../app/sha256-hex.ts';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { evaluate } from '../eligibility/evaluate.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { EMPTY_CATALOG } from '../liferay/patch-catalog.ts';
import { parseRequest } from '../request/parse-request.ts';
import { buildPlan, type PlanInput } from './build-plan.ts';
import type { PlanArtifact, RolloutPlan } from './rollout-plan.ts';
import { typedExpect } from '../../../test/support/typed-expect.ts';

const facts: ClusterFacts = { product: 'dxp-7.1', patches: ['dxp-13-7110'], java: '1.8.0_292', fixpackBefore: { 'dxp-13-7110': 'dxp-12-7110' } };
const artifact = (file: string): PlanArtifact => ({ file, sha256: 'a'.repeat(64), bytes: 10 });
const allArtifacts = ['liferay-fix-pack-dxp-14-7110.zip', 'liferay-fix-pack-dxp-12-7110.zip', 'liferay-hotfix-77-7110.zip', 'acme-blog-1.1.0.jar', 'acme.war', 'Liferay-Forms.lpkg', 'liferay-commerce-2.0.6.lpkg'].map(artifact);

function plan(text: string, cluster = aCluster().build(), artifacts = allArtifacts, f: ClusterFacts = facts, extra: Pick<PlanInput, 'skipped' | 'nodeFacts'> = {}): RolloutPlan {
  const request = parseRequest(text);
  if (!request.ok) throw new Error(request.error.reason);
  const result = buildPlan({ verdict: evaluate(request.value, f, { ...EMPTY_CATALOG, nonRevertible: [{ id: 'dxp-15-7110', reason: 'test', source: 'test' }] }), cluster, artifacts, hash, ...extra });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const kindsOf = (p: RolloutPlan, node: string, phase = 'node'): string[] => p.steps.filter((s) => s.node === node && s.phase === phase).map((s) => s.action.kind);

describe('buildPlan: change kinds', () => {
  it.each([
    ['fixpack install dxp-14-7110 on prod', 'patch-install', ['patching-tool/patches'], ['liferay-fix-pack-dxp-14-7110.zip']],
    ['fixpack revert dxp-13-7110 on prod', 'patch-revert', ['patching-tool/patches'], ['liferay-fix-pack-dxp-12-7110.zip']],
    ['hotfix install hotfix-77-7110 on prod', 'patch-install', ['patching-tool/patches'], ['liferay-hotfix-77-7110.zip']],
    ['module update acme-blog-1.1.0.jar on prod --schema none', 'place-file', ['osgi/modules'], ['acme-blog-1.1.0.jar']],
    ['module install Liferay-Forms.lpkg on prod --schema none', 'place-file', ['osgi/marketplace'], ['Liferay-Forms.lpkg']],
    ['plugin install acme.war on prod --schema none', 'place-file', ['deploy'], ['acme.war']],
    ['commerce update 2.0.6 on prod --schema none', 'place-file', ['osgi/marketplace'], ['liferay-commerce-2.0.6.lpkg']],
    ['property set a.b=c on prod', 'set-properties', ['portal-ext.properties'], []],
    ['property unset a.b on prod', 'unset-properties', ['portal-ext.properties'], []],
    ['config set com.acme.Foo enabled=true on prod', 'set-osgi-config', ['osgi/configs/com.acme.Foo.config'], []],
    ['jvm set -Xmx8g on prod', 'jvm-options', ['tomcat-9.0.83/bin/setenv.sh'], []],
    ['java update 1.8.0_402 on prod', 'java-home', ['tomcat-9.0.83/bin/setenv.sh'], []],
  ])('%s', (text, changeType, backedUp, staged) => {
    const p = plan(text);
    const apply = p.steps.find((s) => s.action.kind === 'apply');
    expect(apply?.action.kind === 'apply' && apply.action.change.type).toBe(changeType);
    const backup = p.steps.find((s) => s.action.kind === 'backup');
    expect(backup?.action.kind === 'backup' && backup.action.paths).toEqual(backedUp);
    expect(p.artifacts.map((a) => a.file)).toEqual(staged);
    expect(p.steps.some((s) => s.action.kind === 'stage')).toBe(staged.length > 0);
  });

  it('masks a secret value in the step titles; the change itself keeps the value', () => {
    const made = plan('property set jdbc.default.password=hunter2 session.timeout=45 on prod');
    const apply = made.steps.find((s) => s.action.kind === 'apply');
    expect(apply?.title).toBe('property set jdbc.default.password=•••••• session.timeout=45 on node1');
    expect(made.steps.map((s) => s.title).join('\n')).not.toContain('hunter2');
    expect(JSON.stringify(apply?.action)).toContain('hunter2');
  });

  it('refuses to plan a 7.4 release update, saying it is not supported yet', () => {
    const request = parseRequest('release update 2024.q1.3 on prod');
    if (!request.ok) throw new Error(request.error.reason);
    const verdict = evaluate(request.value, { product: 'dxp-7.4', release: '2024.q1.1', java: '11.0.2' }, EMPTY_CATALOG);
    const result = buildPlan({ verdict, cluster: aCluster().onProduct('dxp-7.4').build(), artifacts: [], hash });
    expect(!result.ok && result.error).toContain('not supported yet');
  });

  it('plans a new Java major as a full shutdown that points every node at the new JDK', () => {
    const p = plan('java update 11.0.22 on prod');
    expect(p.verdict).toBe('ineligible');
    expect(p.strategy).toBe('full-shutdown');
    const applies = p.steps.flatMap((s) => (s.action.kind === 'apply' ? [`${s.node}:${s.action.change.type === 'java-home' ? s.action.change.javaHome : ''}`] : []));
    expect(applies).toEqual(['node1:/usr/lib/jvm/java-11', 'node2:/usr/lib/jvm/java-11', 'node3:/usr/lib/jvm/java-11']);
  });

  it.each([
    ['a missing artifact', 'module update acme-blog-1.1.0.jar on prod --schema none', [], 'acme-blog-1.1.0.jar not found in the artifact folder'],
    ['no JDK for the major', 'java update 11.0.22 on prod', allArtifacts, ''],
    ['an error verdict', 'fixpack install dxp-2-7210 on prod', allArtifacts, 'no plan: dxp-2-7210 is built for DXP 7.2'],
  ])('refuses %s', (_name, text, artifacts, message) => {
    const request = parseRequest(text);
    if (!request.ok) throw new Error(request.error.reason);
    const cluster = text.startsWith('java') ? { ...aCluster().build(), javaHomes: {} } : aCluster().build();
    const result = buildPlan({ verdict: evaluate(request.value, facts, EMPTY_CATALOG), cluster, artifacts, hash });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message === '' ? 'names no JDK for Java 11' : message);
  });
});

describe('buildPlan: a fix pack revert goes back to the level before', () => {
  const revertOf = (p: RolloutPlan): unknown => p.steps.find((s) => s.action.kind === 'apply' && s.action.change.type === 'patch-revert')?.action;
  it.each([
    ['to the previous fix pack, its zip staged', 'fixpack revert dxp-13-7110 on prod', { 'dxp-13-7110': 'dxp-12-7110' },
      { patch: 'dxp-13-7110', zip: 'liferay-fix-pack-dxp-13-7110.zip', restore: { patch: 'dxp-12-7110', zip: 'liferay-fix-pack-dxp-12-7110.zip' }, removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip' },
      ['liferay-fix-pack-dxp-12-7110.zip']],
    ['to GA, nothing staged', 'fixpack revert dxp-13-7110 on prod', { 'dxp-13-7110': null },
      { patch: 'dxp-13-7110', restore: undefined, removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip' }, []],
    ['a hotfix: the fix pack zip stays', 'hotfix revert hotfix-77-7110 on prod', {},
      { patch: 'hotfix-77-7110', zip: 'liferay-hotfix-77-7110.zip', restore: undefined, removeZipsMatching: undefined }, []],
  ] as const)('%s', (_name, text, fixpackBefore, change, staged) => {
    const p = plan(text, aCluster().build(), allArtifacts, { ...facts, patches: ['dxp-13-7110', 'hotfix-77-7110'], fixpackBefore });
    expect(revertOf(p)).toEqual({ kind: 'apply', change: typedExpect.objectContaining(change) });
    expect(p.steps.find((s) => s.action.kind === 'verify')?.action).toEqual({ kind: 'verify', change: typedExpect.objectContaining(change) });
    expect(p.artifacts.map((a) => a.file)).toEqual(staged);
  });

  it.each([
    ['the level before is unknown', { ...facts, fixpackBefore: {} }, allArtifacts, 'the fix pack level before dxp-13-7110 is unknown'],
    ["the previous fix pack's zip is missing", facts, [], 'liferay-fix-pack-dxp-12-7110.zip not found in the artifact folder'],
  ])('refuses when %s', (_name, f, artifacts, message) => {
    const request = parseRequest('fixpack revert dxp-13-7110 on prod');
    if (!request.ok) throw new Error(request.error.reason);
    const result = buildPlan({ verdict: evaluate(request.value, f, EMPTY_CATALOG), cluster: aCluster().build(), artifacts, hash });
    expect(!result.ok && result.error).toContain(message);
  });
});

describe('buildPlan: strategy and order', () => {
  it('rolls node by node: every node is back in the cluster before the next stops', () => {
    const p = plan('property set a.b=c on prod', aCluster().withNodes(3).withHooks('lb drain', 'lb enable').build());
    expect(p.strategy).toBe('rolling');
    const work = p.steps.filter((s) => s.phase === 'node');
    expect(work.map((s) => s.node)).toEqual([...Array<string>(9).fill('node1'), ...Array<string>(9).fill('node2'), ...Array<string>(9).fill('node3')]);
    expect(kindsOf(p, 'node2')).toEqual(['drain', 'stop', 'backup', 'apply', 'start', 'wait-started', 'wait-healthy', 'wait-cluster', 'enable']);
    const waits = work.filter((s) => s.action.kind === 'wait-cluster').map((s) => (s.action.kind === 'wait-cluster' ? s.action.members : 0));
    expect(waits).toEqual([3, 3, 3]);
  });

  it.each([
    ['the default window', aCluster().build(), 1, 'wait until node2 sees a cluster of 3 members, held for 1 s'],
    ['a fractional window', aCluster().withHealth({ clusterSettleSeconds: 0.25 }).build(), 0.25, 'wait until node2 sees a cluster of 3 members, held for 0.25 s'],
    ['a long window', aCluster().withHealth({ clusterSettleSeconds: 30 }).build(), 30, 'wait until node2 sees a cluster of 3 members, held for 30 s'],
  ])("gives every wait-cluster step the cluster's settle window and says it: %s", (_, cluster, settleSeconds, title) => {
    const p = plan('property set a.b=c on prod', cluster);
    const waits = p.steps.filter((s) => s.action.kind === 'wait-cluster');
    expect(waits.map((s) => s.action)).toEqual(['node1', 'node2', 'node3'].map(() => ({ kind: 'wait-cluster', members: 3, timeoutSeconds: 300, settleSeconds })));
    expect(waits.find((s) => s.node === 'node2')?.title).toBe(title);
  });

  it('does every preflight check on every node before the first stop', () => {
    const p = plan('fixpack install dxp-14-7110 on prod');
    const firstStop = p.steps.findIndex((s) => s.action.kind === 'stop');
    const preflight = p.steps.slice(0, firstStop);
    expect(preflight.every((s) => s.phase === 'preflight')).toBe(true);
    expect(preflight.filter((s) => s.action.kind === 'stage').map((s) => s.node)).toEqual(['node1', 'node2', 'node3']);
    expect(p.steps.slice(firstStop).some((s) => s.phase === 'preflight')).toBe(false);
  });

  it('plans an ineligible change as a full shutdown: stop all, change all, first alone, then the rest', () => {
    const p = plan('fixpack install dxp-16-7110 on prod', aCluster().withNodes(3).build(), [artifact('liferay-fix-pack-dxp-16-7110.zip')]);
    expect(p.strategy).toBe('full-shutdown');
    const work = p.steps.filter((s) => s.phase === 'node').map((s) => `${s.node}:${s.action.kind}`);
    const lastStop = Math.max(...['node1', 'node2', 'node3'].map((n) => work.indexOf(`${n}:stop`)));
    const firstApply = work.indexOf('node1:apply');
    const firstStart = work.indexOf('node1:start');
    expect(lastStop).toBeLessThan(firstApply);
    expect(Math.max(work.indexOf('node3:apply'))).toBeLessThan(firstStart);
    expect(work.indexOf('node1:wait-cluster')).toBeLessThan(work.indexOf('node2:start'));
    const members = p.steps.flatMap((s) => (s.action.kind === 'wait-cluster' ? [s.action.members] : []));
    expect(members).toEqual([1, 2, 3]);
  });

  it('ends with a post-check of every node', () => {
    const p = plan('property set a.b=c on prod');
    expect(p.steps.filter((s) => s.phase === 'postcheck').map((s) => `${s.node}:${s.action.kind}`)).toEqual(['node1:verify', 'node2:verify', 'node3:verify']);
  });

  it('gives every step a unique id', () => {
    const p = plan('fixpack install dxp-16-7110 on prod', aCluster().withNodes(4).build(), [artifact('liferay-fix-pack-dxp-16-7110.zip')]);
    expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length);
  });
});

describe('buildPlan: hash', () => {
  it('is stable for the same inputs and changes with anything that matters', () => {
    const base = plan('property set a.b=c on prod');
    expect(plan('property set a.b=c on prod').hash).toBe(base.hash);
    expect(plan('property set a.b=d on prod').hash).not.toBe(base.hash);
    expect(plan('property set a.b=c on prod', aCluster().withNodes(2).build()).hash).not.toBe(base.hash);
    expect(plan('property set a.b=c on prod', aCluster().withHealth({ clusterSettleSeconds: 2 }).build()).hash).not.toBe(base.hash);
    expect(plan('module update acme-blog-1.1.0.jar on prod --schema none').hash).not.toBe(
      plan('module update acme-blog-1.1.0.jar on prod --schema none', aCluster().build(), [{ ...artifact('acme-blog-1.1.0.jar'), sha256: 'b'.repeat(64) }]).hash,
    );
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('buildPlan: a cluster where some nodes already have the change', () => {
  const node1Done = { skipped: [{ node: 'node1', reason: 'already has dxp-14-7110' }] };
  const stepsOf = (p: RolloutPlan, phase: string): string[] => p.steps.filter((s) => s.phase === phase).map((s) => `${s.node}:${s.action.kind}`);
  const members = (p: RolloutPlan): number[] => p.steps.flatMap((s) => (s.action.kind === 'wait-cluster' ? [s.action.members] : []));

  it.each([
    ['rolling: only the needing nodes stop, change and start; the waits still expect the whole cluster', 'fixpack install dxp-14-7110 on prod', [artifact('liferay-fix-pack-dxp-14-7110.zip')], {
      strategy: 'rolling',
      nodes: ['node2', 'node3'],
      preflight: ['node1:connect', 'node1:check-healthy', 'node1:probe', 'node2:connect', 'node2:check-healthy', 'node2:probe', 'node2:stage', 'node3:connect', 'node3:check-healthy', 'node3:probe', 'node3:stage'],
      work: ['node2:stop', 'node2:backup', 'node2:apply', 'node2:start', 'node2:wait-started', 'node2:wait-healthy', 'node2:wait-cluster', 'node3:stop', 'node3:backup', 'node3:apply', 'node3:start', 'node3:wait-started', 'node3:wait-healthy', 'node3:wait-cluster'],
      members: [3, 3],
      postcheck: ['node2:verify', 'node3:verify'],
      minutes: 12,
    }],
    ['full shutdown: every node goes down and comes back, only the needing nodes are backed up and changed', 'fixpack install dxp-16-7110 on prod', [artifact('liferay-fix-pack-dxp-16-7110.zip')], {
      strategy: 'full-shutdown',
      nodes: ['node2', 'node3'],
      preflight: ['node1:connect', 'node1:check-healthy', 'node1:probe', 'node2:connect', 'node2:check-healthy', 'node2:probe', 'node2:stage', 'node3:connect', 'node3:check-healthy', 'node3:probe', 'node3:stage'],
      work: [
        'node1:stop', 'node2:stop', 'node3:stop', 'node2:backup', 'node2:apply', 'node3:backup', 'node3:apply',
        'node1:start', 'node1:wait-started', 'node1:wait-healthy', 'node1:wait-cluster', 'node2:start', 'node2:wait-started', 'node2:wait-healthy', 'node2:wait-cluster', 'node3:start', 'node3:wait-started', 'node3:wait-healthy', 'node3:wait-cluster',
      ],
      members: [1, 2, 3],
      postcheck: ['node2:verify', 'node3:verify'],
      minutes: 18,
    }],
  ])('%s', (_name, text, artifacts, expected) => {
    const p = plan(text, aCluster().build(), artifacts, facts, node1Done);
    expect(p.strategy).toBe(expected.strategy);
    expect(p.nodes).toEqual(expected.nodes);
    expect(p.skipped).toEqual([{ node: 'node1', reason: 'already has dxp-14-7110' }]);
    expect(stepsOf(p, 'preflight')).toEqual(expected.preflight);
    expect(stepsOf(p, 'node')).toEqual(expected.work);
    expect(members(p)).toEqual(expected.members);
    expect(stepsOf(p, 'postcheck')).toEqual(expected.postcheck);
    expect(p.expectedMinutes).toBe(expected.minutes);
  });

  it('lists skipped nodes in inventory order, whatever order they come in', () => {
    const p = plan('property set a.b=c on prod', aCluster().withNodes(4).build(), allArtifacts, facts, {
      skipped: [{ node: 'node4', reason: 'b' }, { node: 'node2', reason: 'a' }],
    });
    expect(p.nodes).toEqual(['node1', 'node3']);
    expect(p.skipped.map((s) => s.node)).toEqual(['node2', 'node4']);
  });

  it.each([
    ['a node the cluster does not have', [{ node: 'node9', reason: 'x' }], 'cannot skip node9: not a node of prod'],
    ['every node', ['node1', 'node2', 'node3'].map((node) => ({ node, reason: 'x' })), 'nothing to do: every node of prod already has the change'],
  ])('refuses to skip %s', (_name, skipped, message) => {
    const request = parseRequest('property set a.b=c on prod');
    if (!request.ok) throw new Error(request.error.reason);
    const result = buildPlan({ verdict: evaluate(request.value, facts, EMPTY_CATALOG), cluster: aCluster().build(), artifacts: [], skipped, hash });
    expect(!result.ok && result.error).toBe(message);
  });

  it('hashes the skipped nodes and the facts each node was judged on', () => {
    const base = plan('property set a.b=c on prod', aCluster().build(), allArtifacts, facts, node1Done);
    expect(plan('property set a.b=c on prod', aCluster().build(), allArtifacts, facts, node1Done).hash).toBe(base.hash);
    expect(plan('property set a.b=c on prod', aCluster().build(), allArtifacts, facts, { skipped: [{ node: 'node1', reason: 'other' }] }).hash).not.toBe(base.hash);
    expect(plan('property set a.b=c on prod', aCluster().build(), allArtifacts, facts, { ...node1Done, nodeFacts: { node1: { patches: ['dxp-14-7110'] } } }).hash).not.toBe(base.hash);
  });
});
