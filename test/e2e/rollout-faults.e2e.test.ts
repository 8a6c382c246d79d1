import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/domain/rollout/rollout-state.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';
import { stepsRun } from '../support/rollout-checks.ts';
import { messageOf } from '../../src/domain/message-of.ts';

describe('a failed step on a 3-node local cluster', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('writes hostile-looking values literally: nothing reaches a shell', async () => {
    const value = "x*y?z[1]{2}~#!%(a)=b,c:d/../e";
    const { result } = await env.run(`property set hostile.value=${value} on prod`);
    expect(result.outcome, neutralText(result.summary)).toBe('succeeded');
    for (const node of env.local.nodes) {
      expect(readFileSync(join(node.home, 'portal-ext.properties'), 'utf8')).toContain(`hostile.value=${value}`);
    }
  });

  it('keeps values that slip past the parser inert: a planned value is data, never shell text', async () => {
    const marker = join(env.local.root, 'pwned');
    const prepared = await env.prepare('property set injected.value=placeholder on prod');
    const plan = prepared.plan;
    if (plan === undefined) throw new Error('no plan');
    const hostile = `$(touch ${marker})\`touch ${marker}\`;touch ${marker}|'"\n`;
    const steps = plan.steps.map((s) =>
      (s.action.kind === 'apply' || s.action.kind === 'verify') && s.action.change.type === 'set-properties'
        ? { ...s, action: { ...s.action, change: { ...s.action.change, settings: [{ key: 'injected.value', value: hostile }] } } }
        : s,
    );
    const result = await env.runPlan({ ...plan, steps }, prepared.facts);
    expect(result.outcome, neutralText(result.summary)).toBe('succeeded');
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(join(env.local.node('node2').home, 'portal-ext.properties'), 'utf8')).toContain('injected.value=$(touch');
  });

  it('stops before node 3, restores node 2 from its backup and leaves node 3 untouched', async () => {
    await env.local.setFaults('node2', { patchInstallFails: 'ERROR: simulated corrupt patch file', patchInstallFailsTimes: 1 });
    const node3Before = env.local.readCatalinaOut('node3');
    const { result, events } = await env.run('fixpack install dxp-14-7110 on prod');
    expect(result.outcome).toBe('failed');
    const failed = events.find((e) => e.type === 'StepFailed');
    expect(failed).toMatchObject({ node: 'node2', stepId: 'node2/apply', exitCode: 1 });
    expect(failed?.type === 'StepFailed' && failed.outputTail).toContain('simulated corrupt patch file');
    expect(failed?.type === 'StepFailed' && failed.command).toContain('patching-tool.sh install');
    const node3Work = stepsRun(events).filter((id) => id.startsWith('node3/') && !/\/(connect|check-healthy|probe|stage)$/.test(id));
    expect(node3Work).toEqual([]);
    expect(events.some((e) => e.type === 'RestoreFinished' && e.node === 'node2' && e.ok)).toBe(true);
    expect(env.local.readCatalinaOut('node3')).toBe(node3Before);
    expect(env.local.isRunning('node2')).toBe(true);
    const patches = (node: string): boolean => existsSync(join(env.local.node(node).home, 'patching-tool/patches/liferay-fix-pack-dxp-14-7110.zip'));
    expect([patches('node1'), patches('node2'), patches('node3')]).toEqual([true, false, false]);
    expect((await env.local.readState('node2')).patches).toEqual(['dxp-13-7110']);
    expect((await env.local.readState('node1')).patches).toEqual(['dxp-14-7110']);
    expect(neutralText(result.summary)).toContain('node1 updated and healthy');
    expect(neutralText(result.summary)).toContain('node2 put back as it was and healthy');
    expect(neutralText(result.summary)).toContain('node3 untouched');
    expect(neutralText(result.summary)).toContain('Way back for node1');
    const state = replay(['node1', 'node2', 'node3'], events);
    expect(Object.fromEntries(Object.entries(state.nodes).map(([n, v]) => [n, v.status]))).toEqual({ node1: 'healthy', node2: 'restored', node3: 'ready' });
  });

  it('refuses with one line naming the node when a node is unreachable, before anything changes', async () => {
    await env.local.stopSsh('node2');
    try {
      const error = await env.prepare('property set unreachable.test=1 on prod').then(
        () => undefined,
        (e: unknown) => messageOf(e),
      );
      expect(error).toMatch(/node2/);
      expect(error).toMatch(/unreachable|refused|cannot connect/i);
      expect(error?.split('\n')).toHaveLength(1);
    } finally {
      await env.local.startSsh('node2');
    }
    expect(readFileSync(join(env.local.node('node1').home, 'portal-ext.properties'), 'utf8')).not.toContain('unreachable.test');
  });

  it('refuses a node whose host key does not match its pin, before anything changes', async () => {
    const other = await startLocalRollout({ nodes: 2, node1HostKey: 'SHA256:yhLzG4y/XyniaOpkwgo389ULU52JHbDD68fA9msfuYo' });
    try {
      await expect(other.prepare('property set a.b=c on prod')).rejects.toThrow(/host key/i);
      expect(readFileSync(join(other.local.node('node1').home, 'portal-ext.properties'), 'utf8')).not.toContain('a.b=c');
    } finally {
      await other.stop();
    }
  });

});
