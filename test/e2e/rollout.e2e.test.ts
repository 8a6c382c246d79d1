import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixpackHistoryOf } from '../../src/app/fixpack-history-of.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { replay } from '../../src/domain/rollout/rollout-state.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';

const stepsOf = (events: readonly RolloutEvent[], type: RolloutEvent['type']): string[] =>
  events.flatMap((e) => (e.type === type && 'stepId' in e ? [e.stepId] : []));

function startupLines(text: string): number {
  return text.split('\n').filter((l) => l.includes('Server startup in')).length;
}

describe('rollouts on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110', 'hotfix-70-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    env.addArtifact('liferay-hotfix-77-7110.zip', 'hotfix 77');
    env.addArtifact('com.acme.blog.web-1.1.0.jar', Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2, 255]));
    env.addArtifact('acme-theme.war', 'war bytes');
    env.addArtifact('liferay-commerce-2.0.6.lpkg', 'commerce');
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  // Each row: a change, then what every node must show afterwards.
  const kinds: readonly [string, string, (home: string, state: Record<string, unknown>) => void][] = [
    ['fixpack install', 'fixpack install dxp-14-7110 on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-fix-pack-dxp-14-7110.zip'))).toBe(true);
    }],
    ['hotfix install', 'hotfix install liferay-hotfix-77-7110.zip on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-hotfix-77-7110.zip'))).toBe(true);
    }],
    ['hotfix revert', 'hotfix revert hotfix-77-7110 on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-hotfix-77-7110.zip'))).toBe(false);
    }],
    ['module install', 'module install com.acme.blog.web-1.1.0.jar on prod --schema none', (home) => {
      expect([...readFileSync(join(home, 'osgi/modules/com.acme.blog.web-1.1.0.jar'))]).toEqual([0x50, 0x4b, 3, 4, 0, 1, 2, 255]);
    }],
    ['plugin install', 'plugin install acme-theme.war on prod --schema none', (home) => {
      expect(existsSync(join(home, 'deploy/acme-theme.war')) || existsSync(join(home, 'osgi/war/acme-theme.war'))).toBe(true);
    }],
    ['commerce update', 'commerce update 2.0.6 on prod --schema compatible', (home) => {
      expect(existsSync(join(home, 'osgi/marketplace/liferay-commerce-2.0.6.lpkg'))).toBe(true);
    }],
    ['property set', 'property set session.timeout=45 company.default.locale=de_DE on prod', (home) => {
      const text = readFileSync(join(home, 'portal-ext.properties'), 'utf8');
      expect(text).toContain('session.timeout=45');
      expect(text).toContain('company.default.locale=de_DE');
    }],
    ['property unset', 'property unset company.default.locale on prod', (home) => {
      expect(readFileSync(join(home, 'portal-ext.properties'), 'utf8')).not.toContain('company.default.locale');
    }],
    ['config set', 'config set com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration operationMode=REMOTE on prod', (home) => {
      expect(readFileSync(join(home, 'osgi/configs/com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration.config'), 'utf8')).toContain('operationMode="REMOTE"');
    }],
    ['jvm set', 'jvm set -Xmx3g -XX:MaxMetaspaceSize=768m on prod', (_home, state) => {
      expect(JSON.stringify(state)).toContain('-Xmx3g');
      expect(JSON.stringify(state)).not.toContain('-Xmx2g');
    }],
    ['java update (same major)', 'java update 1.8.0_402 on prod', (_home, state) => {
      expect(JSON.stringify(state)).toContain('jdk8u402');
    }],
  ];

  it.each(kinds)('%s rolls node by node and every node reports the change', async (_kind, text, check) => {
    const before = env.local.nodes.map((n) => startupLines(env.local.readCatalinaOut(n.name)));
    const { prepared, result, events } = await env.run(text);
    expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict).toBe('eligible');
    expect(result.outcome, result.summary).toBe('succeeded');
    // Never more than one node out: each node's stop comes after the previous node is back in the cluster.
    const order = events.flatMap((e) => (e.type === 'StepStarted' && /\/(stop|wait-cluster)$/.test(e.stepId) ? [e.stepId] : []));
    expect(order).toEqual(['node1/stop', 'node1/wait-cluster', 'node2/stop', 'node2/wait-cluster', 'node3/stop', 'node3/wait-cluster']);
    expect(events.filter((e) => e.type === 'NodeDone').map((e) => ('node' in e ? e.node : ''))).toEqual(['node1', 'node2', 'node3']);
    for (const node of env.local.nodes) {
      check(node.home, (await env.local.readState(node.name)) as unknown as Record<string, unknown>);
    }
    const after = env.local.nodes.map((n) => startupLines(env.local.readCatalinaOut(n.name)));
    expect(after.map((a, i) => a - (before[i] ?? 0))).toEqual([1, 1, 1]);
    const state = replay(['node1', 'node2', 'node3'], events);
    expect(state.status).toBe('succeeded');
    expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['verified', 'verified', 'verified']);
  });

  it('refuses to plan a release update, saying so', async () => {
    const prepared = await env.prepare('release update 2024.q1.3 on prod');
    expect(prepared.plan).toBeUndefined();
    expect(prepared.verdict.type).toBe('error');
  });

});

describe('going back: a fix pack revert on a 3-node local cluster', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-13-7110.zip', 'fix pack 13');
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  const patchesDir = (node: string): string[] => readdirSync(join(env.local.node(node).home, 'patching-tool/patches')).sort();
  const nodes = ['node1', 'node2', 'node3'];

  it('asks for the level before instead of going to GA when nothing says it, and plans nothing', async () => {
    const prepared = await env.prepare('fixpack revert dxp-13-7110 on prod');
    expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict).toBe('needs-confirmation');
    expect(prepared.verdict.type === 'verdict' && prepared.verdict.questions.map((q) => q.topic)).toEqual(['facts']);
    expect(prepared.plan).toBeUndefined();
    expect(prepared.planError).toContain('the fix pack level before dxp-13-7110 is unknown');
  });

  it('installs dxp-14 on dxp-13, then reverts it with the rollout record: every node is back at dxp-13, not GA', async () => {
    const install = await env.run('fixpack install dxp-14-7110 on prod');
    expect(install.result.outcome, install.result.summary).toBe('succeeded');
    for (const node of nodes) {
      expect((await env.local.readState(node)).patches).toEqual(['dxp-14-7110']);
      // The situation of the bug: installing dxp-14 took dxp-13's zip out of patches/.
      expect(patchesDir(node)).toEqual(['liferay-fix-pack-dxp-14-7110.zip']);
    }

    // What the store would hold after the install, and the history the bot derives from it.
    const record = { ...aRolloutRecord().withStatus('succeeded').build(), request: install.prepared.verdict.request, facts: install.prepared.facts };
    const history = fixpackHistoryOf([record]);
    expect(history).toEqual({ fixpackBefore: { 'dxp-14-7110': 'dxp-13-7110' } });

    const revert = await env.run('fixpack revert dxp-14-7110 on prod', {}, history);
    expect(revert.prepared.verdict.type === 'verdict' && revert.prepared.verdict.verdict).toBe('eligible');
    expect(revert.prepared.plan?.artifacts.map((a) => a.file)).toEqual(['liferay-fix-pack-dxp-13-7110.zip']);
    expect(revert.result.outcome, revert.result.summary).toBe('succeeded');
    const order = revert.events.flatMap((e) => (e.type === 'StepStarted' && /\/(stop|wait-cluster)$/.test(e.stepId) ? [e.stepId] : []));
    expect(order).toEqual(['node1/stop', 'node1/wait-cluster', 'node2/stop', 'node2/wait-cluster', 'node3/stop', 'node3/wait-cluster']);
    expect(stepsOf(revert.events, 'StepSucceeded').filter((id) => id.endsWith('/verify'))).toEqual(['node1/verify', 'node2/verify', 'node3/verify']);
    for (const node of nodes) {
      expect((await env.local.readState(node)).patches).toEqual(['dxp-13-7110']);
      expect(patchesDir(node)).toEqual(['liferay-fix-pack-dxp-13-7110.zip']);
    }
    const state = replay(nodes, revert.events);
    expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['verified', 'verified', 'verified']);
  }, 180_000);
});

describe('a failed step on a 3-node local cluster', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('writes hostile-looking values literally: nothing reaches a shell', async () => {
    const value = "x*y?z[1]{2}~#!%(a)=b,c:d/../e";
    const { result } = await env.run(`property set hostile.value=${value} on prod`);
    expect(result.outcome, result.summary).toBe('succeeded');
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
    expect(result.outcome, result.summary).toBe('succeeded');
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
    const node3Work = stepsOf(events, 'StepStarted').filter((id) => id.startsWith('node3/') && !/\/(connect|check-healthy|probe|stage)$/.test(id));
    expect(node3Work).toEqual([]);
    expect(events.some((e) => e.type === 'RestoreFinished' && e.node === 'node2' && e.ok)).toBe(true);
    expect(env.local.readCatalinaOut('node3')).toBe(node3Before);
    expect(env.local.isRunning('node2')).toBe(true);
    const patches = (node: string): boolean => existsSync(join(env.local.node(node).home, 'patching-tool/patches/liferay-fix-pack-dxp-14-7110.zip'));
    expect([patches('node1'), patches('node2'), patches('node3')]).toEqual([true, false, false]);
    expect((await env.local.readState('node2')).patches).toEqual(['dxp-13-7110']);
    expect((await env.local.readState('node1')).patches).toEqual(['dxp-14-7110']);
    expect(result.summary).toContain('node1 updated and healthy');
    expect(result.summary).toContain('node2 put back as it was and healthy');
    expect(result.summary).toContain('node3 untouched');
    expect(result.summary).toContain('Way back for node1');
    const state = replay(['node1', 'node2', 'node3'], events);
    expect(Object.fromEntries(Object.entries(state.nodes).map(([n, v]) => [n, v.status]))).toEqual({ node1: 'healthy', node2: 'restored', node3: 'ready' });
  });

  it('refuses with one line naming the node when a node is unreachable, before anything changes', async () => {
    await env.local.stopSsh('node2');
    try {
      const error = await env.prepare('property set unreachable.test=1 on prod').then(
        () => undefined,
        (e: Error) => e.message,
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

describe('a node whose JVM dies during startup', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    // A start time-out far longer than the test may take: the failure must come from the JVM's exit.
    env = await startLocalRollout({ nodes: 2, timeouts: { start: 600 } });
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('is reported at once with the log lines, not after the start time-out', async () => {
    await env.local.setFaults('node1', { crashesOnStartup: true });
    const run = env.run('property set session.timeout=61 on prod');
    const { result, events } = await run;
    await env.local.setFaults('node1', {});
    expect(result.outcome).toBe('failed');
    const failed = events.find((e) => e.type === 'StepFailed');
    expect(failed).toMatchObject({ node: 'node1', stepId: 'node1/wait-started' });
    expect(failed?.type === 'StepFailed' && failed.message).toContain('exited during startup');
    expect(failed?.type === 'StepFailed' && failed.outputTail).toContain('Address already in use');
  }, 120_000);
});
