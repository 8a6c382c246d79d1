import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { ifSet } from '../support/if-set.ts';
import { writeModuleJar } from '../support/local-cluster/liferay-home-layout.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';

describe('preflight on a 3-node local cluster over SSH: a node changed between plan and run halts before any node is touched', () => {
  let env: LocalRollout;
  const home = (node: string): string => env.local.node(node).home;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it.each([
    {
      name: 'a module JAR dropped into node2’s osgi/modules',
      arrange: () => writeModuleJar(home('node2'), { symbolicName: 'com.acme.dropped', version: '2.0.0' }),
      line: 'node2: module com.acme.dropped 2.0.0 was deployed since the verdict',
    },
    {
      name: 'node2’s portal-ext.properties edited',
      arrange: () => {
        appendFileSync(join(home('node2'), 'portal-ext.properties'), 'edited.by.hand=1\n');
        return undefined;
      },
      line: 'node2: portal-ext.properties changed since the verdict',
    },
  ])('$name', async ({ arrange, line }) => {
    const prepared = await env.prepare('property set preflight.facts=1 on prod');
    if (prepared.plan === undefined) throw new Error(`no plan: ${prepared.planError ?? ''}`);
    const placed = arrange();
    try {
      const result = await env.runPlan(prepared.plan, prepared.facts);
      expect(result.outcome).toBe('failed');
      const summary = neutralText(result.summary);
      expect(summary).toContain('Failed in preflight');
      expect(summary).toContain(line);
      expect(summary).toContain('No node was stopped.');
      expect(Object.values(result.state.nodes).map((n) => n.touched)).toEqual([false, false, false]);
    } finally {
      if (placed !== undefined) rmSync(placed, { force: true });
    }
  }, 120_000);
});
