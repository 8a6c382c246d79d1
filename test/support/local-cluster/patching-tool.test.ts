import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import type { CommandResult, NodeSession } from '../../../src/app/ports.ts';
import { sh } from '../../../src/domain/shell/shell-command.ts';
import { startLocalCluster } from './local-cluster.ts';
import type { LocalCluster } from './local-cluster.ts';
import { waitUntil } from './wait-until.ts';
import { ifSet } from '../if-set.ts';

describe('simulated patching-tool.sh', () => {
  let cluster: LocalCluster;
  let session: NodeSession;
  const patchingTool = (...args: string[]): Promise<CommandResult> =>
    session.run(sh`cd patching-tool && ./patching-tool.sh ${args}`, { timeoutMs: 20_000 });
  const addZip = (file: string): void => writeFileSync(join(cluster.node('node1').home, 'patching-tool/patches', file), 'PK zip bytes');
  const installedLine = (out: string): string | undefined => /^Currently installed patches: (.*)$/m.exec(out)?.[1];

  beforeAll(async () => {
    cluster = await startLocalCluster({ nodes: 1, name: 'patching', installedPatches: ['dxp-2-7110'] });
    session = await new NodeSshExecutor().connect(cluster.target('node1'));
  });

  afterAll(async () => {
    await ifSet(session)?.close();
    await ifSet(cluster)?.stop();
  });

  it('info lists the installed patches in the documented format', async () => {
    const result = await patchingTool('info');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Currently installed patches: dxp-2-7110\n');
    // The installed patch's zip is still in patches/, as on a real node, so install would keep it.
    expect(result.stdout).toContain('Available patches: dxp-2-7110\n');
    expect(result.stdout).toContain('Detailed patch list:\n');
    expect(result.stdout).toMatch(/^ {2}\[\*I\] dxp-2-7110 :: Installed; Will be installed\. :: Built for LIFERAY$/m);
  });

  it('info marks what install would do with [*I] / [ I] / [ -]', async () => {
    for (const zip of [
      'liferay-fix-pack-dxp-2-7110.zip',
      'liferay-fix-pack-dxp-5-7110.zip',
      'liferay-hotfix-123-7110.zip',
      'liferay-fix-pack-dxp-1-7210.zip',
      'README.txt',
    ]) {
      addZip(zip);
    }
    const { stdout } = await patchingTool('info');
    expect(stdout).toContain('Available patches: dxp-1-7210, dxp-2-7110, dxp-5-7110, hotfix-123-7110\n');
    const markers = Object.fromEntries([...stdout.matchAll(/^ {2}\[(..)\] (\S+) :: /gm)].map(([, marker = '', id = '']) => [id, marker] as const));
    expect(markers).toEqual({ 'dxp-1-7210': ' -', 'dxp-2-7110': '*-', 'dxp-5-7110': ' I', 'hotfix-123-7110': ' I' });
  });

  it('install installs what patches/ holds', async () => {
    const result = await patchingTool('install');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('The installation was successful.');
    const { stdout } = await patchingTool('info');
    expect(installedLine(stdout)).toBe('dxp-5-7110, hotfix-123-7110');
    expect(stdout).toMatch(/^ {2}\[\*I\] dxp-5-7110 :: Installed; Will be installed\. :: Built for LIFERAY$/m);
  });

  it('revert -hotfix removes hotfixes, revert removes all', async () => {
    expect((await patchingTool('revert', '-hotfix')).exitCode).toBe(0);
    expect(installedLine((await patchingTool('info')).stdout)).toBe('dxp-5-7110');
    const revert = await patchingTool('revert');
    expect(revert.exitCode).toBe(0);
    expect(installedLine((await patchingTool('info')).stdout)).toBe('');
  });

  it('install fails with exit 1 and the message of the patchInstallFails fault', async () => {
    await cluster.setFaults('node1', { patchInstallFails: 'The patch could not be installed: corrupt zip' });
    const result = await patchingTool('install');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('corrupt zip');
    await cluster.setFaults('node1', {});
  });

  it('refuses install and revert while the node runs; info still works; the node reports its patches', async () => {
    expect((await patchingTool('install')).exitCode).toBe(0);
    await cluster.startAll();
    expect((await cluster.readState('node1')).patches).toEqual(['dxp-5-7110', 'hotfix-123-7110']);
    for (const command of ['install', 'revert']) {
      const result = await patchingTool(command);
      expect(result.exitCode, command).not.toBe(0);
      expect(result.stdout).toContain('the portal is running');
    }
    expect((await patchingTool('info')).exitCode).toBe(0);

    await session.run(sh`${cluster.node('node1').tomcatDir}/bin/shutdown.sh`, { timeoutMs: 10_000 });
    await waitUntil(() => !cluster.isRunning('node1'), { timeoutMs: 60_000, what: 'node1 to stop' });
    expect((await patchingTool('revert')).exitCode).toBe(0);
  });
});
