import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { expectRollsNodeByNode, type ChangeKindRow } from '../support/rolls-node-by-node.ts';
import { ifSet } from '../support/if-set.ts';

// One rollout per change kind over real SSH; the kinds are spread over a few files so they run side by side.
describe('patch rollouts on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110', 'hotfix-70-7110'], productBuild: '7110' });
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    env.addArtifact('liferay-hotfix-77-7110.zip', 'hotfix 77');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  /** hotfix-77 installed on a node (Patching Tool's state and its zip in patches/), whatever ran before. */
  const hotfix77Installed = (home: string): void => {
    const statePath = join(home, 'patching-tool/patching-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { productBuild: string; installed: string[] };
    if (!state.installed.includes('hotfix-77-7110')) writeFileSync(statePath, `${JSON.stringify({ ...state, installed: [...state.installed, 'hotfix-77-7110'] }, null, 2)}\n`);
    writeFileSync(join(home, 'patching-tool/patches/liferay-hotfix-77-7110.zip'), 'hotfix 77');
  };

  // Each row: a change, what every node must show afterwards, and what it must have before (no row relies on the one before).
  const kinds: readonly ChangeKindRow[] = [
    ['fixpack install', 'fixpack install dxp-14-7110 on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-fix-pack-dxp-14-7110.zip'))).toBe(true);
    }],
    ['hotfix install', 'hotfix install liferay-hotfix-77-7110.zip on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-hotfix-77-7110.zip'))).toBe(true);
    }],
    ['hotfix revert', 'hotfix revert hotfix-77-7110 on prod', (home) => {
      expect(existsSync(join(home, 'patching-tool/patches/liferay-hotfix-77-7110.zip'))).toBe(false);
    }, hotfix77Installed],
  ];

  it.each(kinds.map((row) => [row[0], row] as const))('%s rolls node by node and every node reports the change', async (_kind, row) => {
    await expectRollsNodeByNode(env, row);
  });

  it('refuses to plan a release update, saying so', async () => {
    const prepared = await env.prepare('release update 2024.q1.3 on prod');
    expect(prepared.plan).toBeUndefined();
    expect(prepared.verdict.type).toBe('error');
  });
});
