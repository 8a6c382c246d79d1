import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { expectRollsNodeByNode, type ChangeKindRow } from '../support/rolls-node-by-node.ts';
import { ifSet } from '../support/if-set.ts';

// One rollout per change kind over real SSH; the kinds are spread over a few files so they run side by side.
describe('file rollouts on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110', 'hotfix-70-7110'], productBuild: '7110' });
    env.addArtifact('com.acme.blog.web-1.1.0.jar', Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2, 255]));
    env.addArtifact('acme-theme.war', 'war bytes');
    env.addArtifact('liferay-commerce-2.0.6.lpkg', 'commerce');
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  // Each row: a change, then what every node must show afterwards (rows run in order).
  const kinds: readonly ChangeKindRow[] = [
    ['module install', 'module install com.acme.blog.web-1.1.0.jar on prod --schema none', (home) => {
      expect([...readFileSync(join(home, 'osgi/modules/com.acme.blog.web-1.1.0.jar'))]).toEqual([0x50, 0x4b, 3, 4, 0, 1, 2, 255]);
    }],
    ['plugin install', 'plugin install acme-theme.war on prod --schema none', (home) => {
      expect(existsSync(join(home, 'deploy/acme-theme.war')) || existsSync(join(home, 'osgi/war/acme-theme.war'))).toBe(true);
    }],
    ['commerce update', 'commerce update 2.0.6 on prod --schema compatible', (home) => {
      expect(existsSync(join(home, 'osgi/marketplace/liferay-commerce-2.0.6.lpkg'))).toBe(true);
    }],
    ['config set', 'config set com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration operationMode=REMOTE on prod', (home) => {
      expect(readFileSync(join(home, 'osgi/configs/com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration.config'), 'utf8')).toContain('operationMode="REMOTE"');
    }],
  ];

  it.each(kinds.map((row) => [row[0], row] as const))('%s rolls node by node and every node reports the change', async (_kind, row) => {
    await expectRollsNodeByNode(env, row);
  });
});
