import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/domain/eligibility/verdict.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';

const said = (verdict: Verdict): string => (verdict.type === 'error' ? verdict.message : verdict.reasons.map((r) => r.message).join('\n'));

describe('a 3-node quarterly-release cluster (2026.q1.2), probed over real SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, layout: 'quarterly', release: '2026.q1.2' });
    env.addArtifact('liferay-dxp-2026.q1.2-hotfix-1.zip', 'PK hotfix 1 for 2026.q1.2');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('release update 2026.q1.4: the installed release comes from the nodes, and the update needs the whole cluster down', async () => {
    const prepared = await env.prepare('release update 2026.q1.4 on prod');
    expect(prepared.facts).toMatchObject({ product: 'dxp-7.4', release: '2026.q1.2' });
    expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict, said(prepared.verdict)).toBe('ineligible');
    expect(said(prepared.verdict)).toContain('2026.q1.2 -> 2026.q1.4 replaces the bundle');
  }, 120_000);

  it('release update to the installed release is an error with the reason', async () => {
    const prepared = await env.prepare('release update 2026.q1.2 on prod');
    expect(prepared.verdict).toMatchObject({ type: 'error', message: '2026.q1.2 is already installed on prod: nothing to do' });
  }, 120_000);

  it('a hotfix of another release is an error naming both', async () => {
    const prepared = await env.prepare('hotfix install liferay-dxp-2026.q1.3-hotfix-2.zip on prod');
    expect(prepared.verdict).toMatchObject({ type: 'error', message: 'dxp-2026.q1.3-hotfix-2 is a hotfix for 2026.q1.3 but prod runs 2026.q1.2: a hotfix fits only the release it was built for' });
  }, 120_000);

  it('installs and reverts liferay-dxp-2026.q1.2-hotfix-1.zip node by node through the bundle’s Patching Tool', async () => {
    const install = await env.run('hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod');
    expect(install.prepared.verdict.type === 'verdict' && install.prepared.verdict.verdict, said(install.prepared.verdict)).toBe('eligible');
    expect(said(install.prepared.verdict)).toContain('dxp-2026.q1.2-hotfix-1 is built for 2026.q1.2, the release prod runs');
    expect(install.result.outcome, neutralText(install.result.summary)).toBe('succeeded');
    for (const node of ['node1', 'node2', 'node3']) {
      expect((await env.local.readState(node)).patches).toEqual(['dxp-2026.q1.2-hotfix-1']);
      expect(readdirSync(join(env.local.node(node).home, 'patching-tool', 'patches'))).toEqual(['liferay-dxp-2026.q1.2-hotfix-1.zip']);
    }

    const revert = await env.run('hotfix revert liferay-dxp-2026.q1.2-hotfix-1.zip on prod');
    expect(revert.result.outcome, neutralText(revert.result.summary)).toBe('succeeded');
    for (const node of ['node1', 'node2', 'node3']) {
      expect((await env.local.readState(node)).patches).toEqual([]);
      expect(readdirSync(join(env.local.node(node).home, 'patching-tool', 'patches'))).toEqual([]);
    }
  }, 300_000);
});
