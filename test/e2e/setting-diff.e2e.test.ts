import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVerdict } from '../../src/adapters/cli/format-verdict.ts';
import { verdictMessage } from '../../src/adapters/slack/blocks/verdict-message.ts';
import { MASKED } from '../../src/domain/liferay/mask-secret.ts';
import { ifSet } from '../support/if-set.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { renderBlocks } from '../support/slack/render-transcript.ts';
import { validateSlackMessage } from '../support/slack/validate-slack-message.ts';

// The verdict of a property or config request shows the change against each node's real file, read over SSH.
describe('setting diffs against the files of a 3-node local cluster over SSH', () => {
  let env: LocalRollout;
  const home = (i: number): string => env.local.nodes[i]?.home ?? '';

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
    // node1 and node2 agree on session.timeout; only node1 has a password; node3 has neither.
    writeFileSync(join(home(0), 'portal-ext.properties'), '# ours\nsession.timeout=30\njdbc.default.password=old-secret\ncompany.default.locale=en_US\n');
    writeFileSync(join(home(1), 'portal-ext.properties'), 'session.timeout=30\ncompany.default.locale=en_US\n');
    writeFileSync(join(home(2), 'portal-ext.properties'), 'company.default.locale=en_US\n');
    for (let i = 0; i < 3; i += 1) {
      mkdirSync(join(home(i), 'osgi', 'configs'), { recursive: true });
      writeFileSync(join(home(i), 'osgi', 'configs', 'com.acme.Greeting.config'), 'greeting="Hello\\ there"\nenabled=B"true"\n');
    }
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  it('property set: old → new and added, node by node where the nodes differ, the secret masked, nothing written', async () => {
    const before = readFileSync(join(home(0), 'portal-ext.properties'), 'utf8');
    const prepared = await env.prepare('property set session.timeout=45 jdbc.default.password=n3w company.default.locale=en_US on prod');
    const { verdict } = prepared;
    if (verdict.type !== 'verdict') throw new Error(`no verdict: ${verdict.message}`);
    expect(verdict.changes).toEqual({
      file: 'portal-ext.properties',
      keys: [
        { key: 'session.timeout', to: '45', masked: false, byNodes: [
          { nodes: ['node1', 'node2'], change: { kind: 'changed', from: '30', to: '45' } },
          { nodes: ['node3'], change: { kind: 'added', to: '45' } },
        ] },
        { key: 'jdbc.default.password', to: MASKED, masked: true, byNodes: [
          { nodes: ['node1'], change: { kind: 'changed', from: MASKED, to: MASKED } },
          { nodes: ['node2', 'node3'], change: { kind: 'added', to: MASKED } },
        ] },
        { key: 'company.default.locale', to: 'en_US', masked: false, byNodes: [{ nodes: ['node1', 'node2', 'node3'], change: { kind: 'unchanged', value: 'en_US' } }] },
      ],
      unread: [],
    });
    expect(readFileSync(join(home(0), 'portal-ext.properties'), 'utf8')).toBe(before);

    const cli = formatVerdict(verdict);
    expect(cli).toContain([
      'Changes to portal-ext.properties (against the current values on node1, node2, node3):',
      '  session.timeout: the nodes differ',
      '    node1, node2: "30" → "45"',
      '    node3: added "45"',
      '  jdbc.default.password: the nodes differ (masked)',
      `    node1: ${MASKED} → ${MASKED}`,
      `    node2, node3: added ${MASKED}`,
      '  company.default.locale: unchanged "en_US" (a no-op)',
    ].join('\n'));
    expect(cli).not.toContain('old-secret');

    const slack = verdictMessage({ requestId: 'req-1', requestedBy: 'U1', verdict, plan: prepared.plan });
    expect(validateSlackMessage(slack)).toEqual([]);
    expect(renderBlocks(slack.blocks, slack.text)).toContain('• `session.timeout`: the nodes differ: node1, node2: `30` → `45`; node3: added `45`');
    expect(JSON.stringify(slack)).not.toContain('old-secret');
  });

  it('config set: the .config values read as Felix reads them, typed ones by their value', async () => {
    const { verdict } = await env.prepare('config set com.acme.Greeting greeting="Hello there" enabled=false on prod');
    if (verdict.type !== 'verdict') throw new Error(`no verdict: ${verdict.message}`);
    expect(verdict.changes?.keys.map((k) => [k.key, k.byNodes])).toEqual([
      ['greeting', [{ nodes: ['node1', 'node2', 'node3'], change: { kind: 'unchanged', value: 'Hello there' } }]],
      ['enabled', [{ nodes: ['node1', 'node2', 'node3'], change: { kind: 'changed', from: 'true', to: 'false' } }]],
    ]);
  });

  it('property unset: removed where the node has it, a no-op where it has not', async () => {
    const { verdict } = await env.prepare('property unset session.timeout on prod');
    if (verdict.type !== 'verdict') throw new Error(`no verdict: ${verdict.message}`);
    expect(verdict.changes?.keys[0]?.byNodes).toEqual([
      { nodes: ['node1', 'node2'], change: { kind: 'removed', from: '30' } },
      { nodes: ['node3'], change: { kind: 'unchanged', value: undefined } },
    ]);
  });
});
