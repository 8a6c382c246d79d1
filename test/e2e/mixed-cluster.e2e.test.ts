import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { typedExpect } from '../support/typed-expect.ts';
import { ifSet } from '../support/if-set.ts';
import { writeCommerceLpkg, writeModuleJar } from '../support/local-cluster/liferay-home-layout.ts';

const startups = (text: string): number => text.split('\n').filter((l) => l.includes('Server startup in')).length;
const reasonsOf = (verdict: { type: string; reasons?: readonly { rule: string; message: string }[] }): string[] => (verdict.reasons ?? []).map((r) => `${r.rule}: ${r.message}`);

describe('a cluster whose nodes differ, on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;
  const home = (node: string): string => env.local.node(node).home;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    env.addArtifact('com.acme.blog.web-1.1.0.jar', 'jar 1.1.0');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('a property one node already has (edited by hand) is planned and run for the others only', async () => {
    appendFileSync(join(home('node1'), 'portal-ext.properties'), 'mixed.by.hand=1\n');
    const before = env.local.nodes.map((n) => startups(env.local.readCatalinaOut(n.name)));
    const { prepared, result, events } = await env.run('property set mixed.by.hand=1 on prod');
    expect(prepared.plan?.nodes).toEqual(['node2', 'node3']);
    expect(prepared.plan?.skipped).toEqual([{ node: 'node1', reason: 'its portal-ext.properties already has the change' }]);
    expect(result.outcome, neutralText(result.summary)).toBe('succeeded');
    expect(events.flatMap((e) => (e.type === 'StepStarted' && e.node === 'node1' ? [e.stepId] : []))).toEqual(['node1/connect', 'node1/check-healthy', 'node1/probe']);
    expect(env.local.nodes.map((n, i) => startups(env.local.readCatalinaOut(n.name)) - (before[i] ?? 0))).toEqual([0, 1, 1]);
    for (const node of ['node1', 'node2', 'node3']) expect(readFileSync(join(home(node), 'portal-ext.properties'), 'utf8')).toContain('mixed.by.hand=1');
  }, 120_000);

  it('the same request again is one line, "already done on every node", and no plan', async () => {
    const prepared = await env.prepare('property set mixed.by.hand=1 on prod');
    expect(prepared.plan).toBeUndefined();
    expect(prepared.verdict).toMatchObject({
      type: 'error',
      rule: 'already-done',
      message: 'already done on every node of prod (node1, node2, node3: its portal-ext.properties already has the change): nothing to do',
    });
  });

  it('a module one node already holds (same sha256 as the artifact) is skipped there; another build of it is not', async () => {
    const jar = 'com.acme.blog.web-1.1.0.jar';
    writeFileSync(join(home('node1'), 'osgi/modules', jar), 'jar 1.1.0');
    writeFileSync(join(home('node2'), 'osgi/modules', jar), 'another build of 1.1.0');
    try {
      const prepared = await env.prepare(`module install ${jar} on prod --schema none`);
      expect(prepared.plan?.nodes).toEqual(['node2', 'node3']);
      expect(prepared.plan?.skipped).toEqual([{ node: 'node1', reason: typedExpect.stringMatching(/^already has osgi\/modules\/com\.acme\.blog\.web-1\.1\.0\.jar \(sha256 [0-9a-f]{12}…\)$/) }]);
      expect(prepared.plan?.steps.filter((s) => s.action.kind === 'stage').map((s) => s.node)).toEqual(['node2', 'node3']);
    } finally {
      for (const node of ['node1', 'node2']) rmSync(join(home(node), 'osgi/modules', jar), { force: true });
    }
  });

  describe('after a fix pack rollout that stopped halfway (node1 has dxp-14-7110, node2 and node3 dxp-13-7110)', () => {
    beforeAll(async () => {
      await env.local.setFaults('node2', { patchInstallFails: 'ERROR: simulated corrupt patch file', patchInstallFailsTimes: 1 });
      const { result } = await env.run('fixpack install dxp-14-7110 on prod');
      expect(result.outcome).toBe('failed');
      expect(await Promise.all(['node1', 'node2', 'node3'].map(async (n) => (await env.local.readState(n)).patches))).toEqual([['dxp-14-7110'], ['dxp-13-7110'], ['dxp-13-7110']]);
    }, 180_000);

    it('plans the fix pack for node2 and node3 only, says why node1 is skipped, and shows how the nodes differ', async () => {
      const prepared = await env.prepare('fixpack install dxp-14-7110 on prod');
      expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict).toBe('eligible');
      expect(reasonsOf(prepared.verdict)).toContain('nodes-differ: the nodes have different patches: node1: dxp-14-7110; node2, node3: dxp-13-7110');
      const probed = { build: '7110', modules: { 'com.acme.greeting.service': { version: '1.0.0', schemaVersion: '1.0.0' } }, digests: typedExpect.objectContaining({ 'portal-ext.properties': typedExpect.stringMatching(/^[0-9a-f]{64}$/) }) };
      expect(prepared.nodeFacts).toEqual({
        node1: { product: 'dxp-7.1', patches: ['dxp-14-7110'], java: '1.8.0_292', ...probed },
        node2: { product: 'dxp-7.1', patches: ['dxp-13-7110'], java: '1.8.0_292', ...probed },
        node3: { product: 'dxp-7.1', patches: ['dxp-13-7110'], java: '1.8.0_292', ...probed },
      });
      expect(prepared.facts).toEqual({ product: 'dxp-7.1', java: '1.8.0_292', build: '7110', modules: probed.modules });
      const plan = prepared.plan;
      if (plan === undefined) throw new Error(`no plan: ${prepared.planError ?? ''}`);
      expect(plan.nodes).toEqual(['node2', 'node3']);
      expect(plan.skipped).toEqual([{ node: 'node1', reason: 'already has dxp-14-7110' }]);
      expect(plan.nodeFacts).toEqual(prepared.nodeFacts);
      expect(plan.steps.filter((s) => s.node === 'node1').map((s) => s.action.kind)).toEqual(['connect', 'check-healthy', 'probe']);
      expect(plan.steps.filter((s) => s.action.kind === 'apply').map((s) => s.node)).toEqual(['node2', 'node3']);
      expect(plan.steps.flatMap((s) => (s.action.kind === 'wait-cluster' ? [s.action.members] : []))).toEqual([3, 3]);
    });

    it('plans the way back (fixpack revert) for node1, the node that has it', async () => {
      // The rollout that stopped halfway went from dxp-13 (its record says so): the way back is dxp-13, installed from its zip.
      env.addArtifact('liferay-fix-pack-dxp-13-7110.zip', 'fix pack 13');
      const prepared = await env.prepare('fixpack revert dxp-14-7110 on prod', {}, { fixpackBefore: { 'dxp-14-7110': 'dxp-13-7110' } });
      expect(prepared.verdict).toMatchObject({ verdict: 'eligible' });
      expect(prepared.plan?.nodes).toEqual(['node1']);
      expect(prepared.plan?.skipped).toEqual([
        { node: 'node2', reason: 'has no dxp-14-7110 to revert (installed: dxp-13-7110)' },
        { node: 'node3', reason: 'has no dxp-14-7110 to revert (installed: dxp-13-7110)' },
      ]);
    });

    it('no longer refuses other requests: a property is planned for every node', async () => {
      const prepared = await env.prepare('property set after.halfway=1 on prod');
      expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict).toBe('eligible');
      expect(prepared.plan?.nodes).toEqual(['node1', 'node2', 'node3']);
      expect(prepared.plan?.skipped).toEqual([]);
    });
  });

  it('a drifted cluster (a config, a module, Commerce) is reported node by node', async () => {
    const config = (node: string): string => join(home(node), 'osgi/configs/com.acme.Drift.config');
    writeFileSync(config('node1'), 'enabled=B"true"\n');
    writeFileSync(config('node2'), 'enabled=B"false"\n');
    writeFileSync(config('node3'), 'enabled=B"true"\n');
    rmSync(join(home('node3'), 'osgi/modules/com.acme.greeting.service-1.0.0.jar'));
    const newer = writeModuleJar(home('node3'), { symbolicName: 'com.acme.greeting.service', version: '1.0.1', schemaVersion: '1.1.0' });
    const lpkg = writeCommerceLpkg(home('node1'), '2.0.5');
    try {
      const prepared = await env.prepare('hotfix install hotfix-4445-7110 on prod');
      const notes = reasonsOf(prepared.verdict).filter((r) => r.startsWith('nodes-differ: '));
      for (const line of [
        'nodes-differ: the nodes run different Commerce versions: node1: 2.0.5; node2, node3: unknown',
        'nodes-differ: module com.acme.greeting.service differs: node1, node2: 1.0.0 (schema 1.0.0); node3: 1.0.1 (schema 1.1.0)',
        'nodes-differ: osgi/configs/com.acme.Drift.config differs on node2',
      ]) {
        expect(notes).toContain(line);
      }
    } finally {
      for (const node of ['node1', 'node2', 'node3']) rmSync(config(node), { force: true });
      rmSync(newer, { force: true });
      rmSync(lpkg, { force: true });
      writeModuleJar(home('node3'), { symbolicName: 'com.acme.greeting.service', version: '1.0.0', schemaVersion: '1.0.0' });
    }
  });
});
