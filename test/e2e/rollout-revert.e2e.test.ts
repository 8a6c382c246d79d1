import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixpackHistoryOf } from '../../src/app/fixpack-history-of.ts';
import { replay } from '../../src/domain/rollout/rollout-state.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';
import { eventsOf } from '../support/rollout-checks.ts';

describe('going back: a fix pack revert on a 3-node local cluster', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-13-7110.zip', 'fix pack 13');
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
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
    expect(install.result.outcome, neutralText(install.result.summary)).toBe('succeeded');
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
    expect(revert.result.outcome, neutralText(revert.result.summary)).toBe('succeeded');
    const order = revert.events.flatMap((e) => (e.type === 'StepStarted' && /\/(stop|wait-cluster)$/.test(e.stepId) ? [e.stepId] : []));
    expect(order).toEqual(['node1/stop', 'node1/wait-cluster', 'node2/stop', 'node2/wait-cluster', 'node3/stop', 'node3/wait-cluster']);
    expect(eventsOf(revert.events, 'StepSucceeded').map((e) => e.stepId).filter((id) => id.endsWith('/verify'))).toEqual(['node1/verify', 'node2/verify', 'node3/verify']);
    for (const node of nodes) {
      expect((await env.local.readState(node)).patches).toEqual(['dxp-13-7110']);
      expect(patchesDir(node)).toEqual(['liferay-fix-pack-dxp-13-7110.zip']);
    }
    const state = replay(nodes, revert.events);
    expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['verified', 'verified', 'verified']);
  }, 180_000);
});
