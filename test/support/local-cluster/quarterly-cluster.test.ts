import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import type { NodeSession } from '../../../src/app/ports.ts';
import { differenceText, nodeFactDifferences } from '../../../src/domain/liferay/node-fact-differences.ts';
import { parseNodeProbe } from '../../../src/domain/liferay/node-probe.ts';
import { changeActionFor } from '../../../src/domain/plan/change-action-for.ts';
import { applyCommand, probeCommand, uploadToStagingCommand } from '../../../src/domain/plan/node-commands.ts';
import { nodePaths, type NodePaths } from '../../../src/domain/plan/node-paths.ts';
import { parseRequest } from '../../../src/domain/request/parse-request.ts';
import { sh, type ShellCommand } from '../../../src/domain/shell/shell-command.ts';
import { aCluster } from '../../builders/a-cluster.ts';
import { ifSet } from '../if-set.ts';
import { startLocalCluster, type LocalCluster } from './local-cluster.ts';

describe('local cluster, quarterly layout: release probed per node, quarterly hotfixes over SSH', () => {
  let cluster: LocalCluster;
  const sessions = new Map<string, NodeSession>();
  const executor = new NodeSshExecutor({ reconnectDelaysMs: [100, 200, 400] });
  const nodes = ['node1', 'node2', 'node3'];
  const ssh = async (node: string, command: ShellCommand, stdin?: string) => {
    let session = sessions.get(node);
    if (session === undefined) {
      session = await executor.connect(cluster.target(node));
      sessions.set(node, session);
    }
    return session.run(command, { timeoutMs: 60_000, ...(stdin === undefined ? {} : { stdin }) });
  };
  const paths = (node: string): NodePaths => nodePaths(cluster.node(node).home, 'tomcat', 'r1');
  const probe = async (node: string) => parseNodeProbe((await ssh(node, probeCommand(paths(node)))).stdout);
  const hotfixAction = (text: string) => {
    const request = parseRequest(text);
    if (!request.ok) throw new Error(request.error.reason);
    const action = changeActionFor(request.value, aCluster().withNodes(3).build());
    if (!action.ok) throw new Error(action.error);
    return action.value;
  };

  beforeAll(async () => {
    cluster = await startLocalCluster({ nodes: 3, name: 'quarterly', layout: 'quarterly', release: '2026.q1.2' });
  }, 120_000);

  afterAll(async () => {
    for (const session of sessions.values()) await session.close();
    await ifSet(cluster)?.stop();
  });

  it('lays out liferay-dxp/ like a quarterly bundle: tomcat/, patching-tool/, osgi/ without .lpkg, data/, the release information', () => {
    const { home, tomcatDir } = cluster.node('node1');
    expect(home.endsWith('/node1/liferay-dxp')).toBe(true);
    expect(tomcatDir).toBe(join(home, 'tomcat'));
    for (const path of ['tomcat/bin/catalina.sh', 'tomcat/bin/setenv.sh', 'patching-tool/patching-tool.sh', 'osgi/modules', 'osgi/configs', 'data', '.liferay-home', '.githash']) {
      expect(existsSync(join(home, path)), path).toBe(true);
    }
    expect(readFileSync(join(home, '.liferay-version'), 'utf8')).toBe('2026.q1.2\n');
    expect(existsSync(join(home, 'osgi', 'marketplace'))).toBe(false);
  });

  it('installs and reverts a quarterly hotfix through the bundle’s Patching Tool (the hotfix applier’s commands, over SSH)', async () => {
    const zip = 'liferay-dxp-2026.q1.2-hotfix-1.zip';
    const install = hotfixAction(`hotfix install ${zip} on prod`);
    expect(install).toMatchObject({ type: 'patch-install', patch: 'dxp-2026.q1.2-hotfix-1', zip });
    for (const node of nodes) {
      expect((await ssh(node, uploadToStagingCommand(paths(node), zip), 'PK hotfix 1')).exitCode).toBe(0);
      const applied = await ssh(node, applyCommand(paths(node), install) ?? sh`false`);
      expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
      expect(applied.stdout).toContain('Installing dxp-2026.q1.2-hotfix-1: [Done]');
      expect((await probe(node)).facts).toMatchObject({ patches: ['dxp-2026.q1.2-hotfix-1'], build: '7413', release: '2026.q1.2', product: 'dxp-7.4' });
    }

    const revert = hotfixAction(`hotfix revert ${zip} on prod`);
    for (const node of nodes) {
      const reverted = await ssh(node, applyCommand(paths(node), revert) ?? sh`false`);
      expect(reverted.exitCode, reverted.stdout + reverted.stderr).toBe(0);
      expect((await probe(node)).facts.patches).toEqual([]);
      expect(readdirSync(join(cluster.node(node).home, 'patching-tool', 'patches'))).toEqual([]);
    }
  }, 180_000);

  it('a hotfix of another release is not installed by the simulated Patching Tool, and it says why', async () => {
    writeFileSync(join(cluster.node('node1').home, 'patching-tool', 'patches', 'liferay-dxp-2026.q1.3-hotfix-4.zip'), 'PK');
    const info = await ssh('node1', sh`cd patching-tool && ./patching-tool.sh info`);
    expect(info.stdout).toMatch(/\[ -\] dxp-2026\.q1\.3-hotfix-4 :: Currently not installed; Won't be installed: built for another release \(2026\.q1\.3\), this is 2026\.q1\.2/);
    await ssh('node1', sh`rm -f patching-tool/patches/liferay-dxp-2026.q1.3-hotfix-4.zip`);
  });

  it('starts: each node reports its release; the shared database takes it without an upgrade', async () => {
    await cluster.startAll();
    for (const node of nodes) expect(await cluster.readState(node)).toMatchObject({ release: '2026.q1.2', databaseUpgrade: null });
    expect(JSON.parse(readFileSync(join(cluster.databaseDir ?? '', 'database.json'), 'utf8'))).toEqual({ release: '2026.q1.2' });
    expect(readdirSync(join(cluster.databaseDir ?? '', 'upgrades'))).toEqual([]);
  }, 180_000);

  it('probes the release per node; one node drifted is reported node by node', async () => {
    writeFileSync(join(cluster.node('node2').home, '.liferay-version'), '2026.q1.3\n');
    const nodeFacts = Object.fromEntries(await Promise.all(nodes.map(async (node) => [node, (await probe(node)).facts] as const)));
    expect(Object.fromEntries(Object.entries(nodeFacts).map(([node, facts]) => [node, facts.release]))).toEqual({ node1: '2026.q1.2', node2: '2026.q1.3', node3: '2026.q1.2' });
    expect(nodeFactDifferences(nodeFacts).map(differenceText)).toEqual(['the nodes run different releases: node1, node3: 2026.q1.2; node2: 2026.q1.3']);
  }, 120_000);
});
