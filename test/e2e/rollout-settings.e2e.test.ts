import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { expectRollsNodeByNode, type ChangeKindRow } from '../support/rolls-node-by-node.ts';
import { ifSet } from '../support/if-set.ts';

// One rollout per change kind over real SSH; the kinds are spread over a few files so they run side by side.
describe('setting rollouts on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110', 'hotfix-70-7110'], productBuild: '7110' });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  // Each row: a change, what every node must show afterwards, and what it must have before (no row relies on the one before).
  const kinds: readonly ChangeKindRow[] = [
    ['property set', 'property set session.timeout=45 company.default.locale=de_DE on prod', (home) => {
      const text = readFileSync(join(home, 'portal-ext.properties'), 'utf8');
      expect(text).toContain('session.timeout=45');
      expect(text).toContain('company.default.locale=de_DE');
    }],
    ['property unset', 'property unset company.default.locale on prod', (home) => {
      expect(readFileSync(join(home, 'portal-ext.properties'), 'utf8')).not.toContain('company.default.locale');
    }, (home) => {
      const file = join(home, 'portal-ext.properties');
      const text = readFileSync(file, 'utf8');
      if (!/^company\.default\.locale=/m.test(text)) writeFileSync(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}company.default.locale=fr_FR\n`);
    }],
    ['jvm set', 'jvm set -Xmx3g -XX:MaxMetaspaceSize=768m on prod', (_home, state) => {
      expect(JSON.stringify(state)).toContain('-Xmx3g');
      expect(JSON.stringify(state)).not.toContain('-Xmx2g');
    }],
    ['java update (same major)', 'java update 1.8.0_402 on prod', (_home, state) => {
      expect(JSON.stringify(state)).toContain('jdk8u402');
    }],
  ];

  it.each(kinds.map((row) => [row[0], row] as const))('%s rolls node by node and every node reports the change', async (_kind, row) => {
    await expectRollsNodeByNode(env, row);
  });
});
