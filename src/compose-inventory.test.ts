import { describe, expect, it } from 'vitest';
import { canApprove } from './domain/approval/can-approve.ts';
import { canControl } from './domain/approval/can-control.ts';
import { canRequest } from './domain/approval/can-request.ts';
import type { Decision } from './domain/approval/decision.ts';
import { clusterRuntimesOf } from './compose-inventory.ts';
import { neutralText } from './domain/text/rich-text.ts';
import { parseInventory } from './config/load-inventory.ts';

const PIN1 = 'SHA256:REPLACE+ME+prod+node1+00000000000000000000A';
const PIN2 = 'SHA256:REPLACE+ME+prod+node2+00000000000000000000A';
const PIN3 = 'SHA256:REPLACE+ME+batch+node1+0000000000000000000A';

const text = `artifactDir: /srv/artifacts
clusters:
  prod:
    product: dxp-7.1
    channels: [C0PROD]
    approvers: { users: [U0LEAD], groups: [S0OPS] }
    liferayHome: /opt/liferay
    ssh: { user: liferay, keyFile: /keys/id_ed25519, port: 2200 }
    nodes:
      - { name: node1, host: 10.0.0.11, hostKey: "${PIN1}" }
      - { name: node2, host: 10.0.0.12, hostKey: "${PIN2}" }
  batch:
    product: dxp-7.2
    liferayHome: /opt/liferay
    ssh: { user: liferay, agent: true }
    nodes:
      - { name: batch1, host: 10.0.1.21, hostKey: "${PIN3}" }
`;

function runtimes(): ReturnType<typeof clusterRuntimesOf> {
  const loaded = parseInventory(text, '/etc/liferay-rollout/inventory.yml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.problems));
  return clusterRuntimesOf(loaded.value);
}

function approvalOf(cluster: string): NonNullable<ReturnType<ReturnType<typeof clusterRuntimesOf>['get']>>['approval'] {
  const runtime = runtimes().get(cluster);
  if (runtime === undefined) throw new Error(`no ${cluster}`);
  return runtime.approval;
}

const pending = { requestedBy: 'U0ASKER', requestedAt: '2025-01-06T10:00:00.000Z', planHash: 'h'.repeat(64), status: 'awaiting-approval', dryRun: false } as const;
const NOW = new Date('2025-01-06T10:05:00.000Z');

describe('clusterRuntimesOf', () => {
  it('gives the services each cluster: its plan view, SSH targets and approval policy', () => {
    const prod = runtimes().get('prod');
    expect(prod?.spec).toMatchObject({ name: 'prod', product: 'dxp-7.1', nodes: [{ name: 'node1', healthUrl: 'http://10.0.0.11:8080/c/portal/layout' }, { name: 'node2' }] });
    expect(prod?.targets.get('node2')).toEqual({ name: 'node2', host: '10.0.0.12', port: 2200, user: 'liferay', hostKeySha256: PIN2, connectTimeoutMs: 20_000, privateKeyPath: '/keys/id_ed25519' });
    expect(runtimes().get('batch')?.targets.get('batch1')).not.toHaveProperty('privateKeyPath');
    expect(prod?.approval).toEqual({ approverUserIds: ['U0LEAD'], approverGroupIds: ['S0OPS'], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C0PROD'], cluster: 'prod' });
  });

  it.each<[string, string, number]>([
    ['left out: the default', '', 1],
    ['a fraction', '    health: { clusterSettleSeconds: 0.25 }\n', 0.25],
    ['longer, for a flapping network', '    health: { clusterSettleSeconds: 5 }\n', 5],
  ])("carries the cluster's settle window into its plan view: %s", (_, health, seconds) => {
    const loaded = parseInventory(text.replace('    liferayHome: /opt/liferay\n    ssh: { user: liferay, keyFile', `${health}    liferayHome: /opt/liferay\n    ssh: { user: liferay, keyFile`), '/etc/liferay-rollout/inventory.yml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.problems));
    expect(clusterRuntimesOf(loaded.value).get('prod')?.spec.health.clusterSettleSeconds).toBe(seconds);
  });

  it.each<[string, string, { notify: string; production: boolean }]>([
    ['left out: mention, not production', '', { notify: 'mention', production: false }],
    ['direct messages on a production cluster', '    notify: dm\n    production: true\n', { notify: 'dm', production: true }],
    ['no notification', '    notify: none\n', { notify: 'none', production: false }],
  ])('carries how approvers are told and whether the cluster is production: %s', (_, lines, expected) => {
    const loaded = parseInventory(text.replace('    liferayHome: /opt/liferay\n    ssh: { user: liferay, keyFile', `${lines}    liferayHome: /opt/liferay\n    ssh: { user: liferay, keyFile`), '/etc/liferay-rollout/inventory.yml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.problems));
    expect(clusterRuntimesOf(loaded.value).get('prod')).toMatchObject(expected);
  });

  it('gives a cluster without channels and approvers (driven only from the CLI) empty lists', () => {
    expect(approvalOf('batch')).toMatchObject({ channels: [], approverUserIds: [], approverGroupIds: [] });
  });
});

describe('a cluster driven only from the CLI, seen from Slack', () => {
  const oneLine = (d: Decision): string => {
    if (d.ok) throw new Error('expected a refusal');
    const line = neutralText(d.message);
    expect(line).not.toMatch(/\n/);
    return line;
  };

  it.each<{ name: string; decide: () => Decision; code: string; message: RegExp }>([
    { name: 'a request in a channel of another cluster', decide: () => canRequest(approvalOf('batch'), 'C0PROD'), code: 'wrong_channel', message: /^No channel may request maintenance of batch/ },
    { name: 'a request in a direct message', decide: () => canRequest(approvalOf('batch'), 'D0DM'), code: 'wrong_channel', message: /^No channel may request maintenance of batch/ },
    { name: 'an approval by an approver of another cluster', decide: () => canApprove({ policy: approvalOf('batch'), pending, approver: { userId: 'U0LEAD', groupIds: ['S0OPS'] }, shownPlanHash: pending.planHash, now: NOW }), code: 'not_approver', message: /approvers of batch can approve/ },
    { name: 'a pause from the status board', decide: () => canControl({ policy: approvalOf('batch'), actor: { userId: 'U0LEAD', groupIds: [] }, control: 'pause', status: 'running' }), code: 'not_approver', message: /approvers of batch can pause/ },
  ])('refuses $name with one line', ({ decide, code, message }) => {
    const decision = decide();
    expect(decision).toMatchObject({ ok: false, code });
    expect(oneLine(decision)).toMatch(message);
  });

  it('still lets the terminal user control its rollouts, and the other cluster take Slack requests', () => {
    expect(canControl({ policy: approvalOf('batch'), actor: { userId: 'root', groupIds: [] }, control: 'pause', status: 'running', atTerminal: true })).toEqual({ ok: true });
    expect(canRequest(approvalOf('prod'), 'C0PROD')).toEqual({ ok: true });
  });
});
