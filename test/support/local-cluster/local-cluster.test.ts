import { accessSync, constants, existsSync, mkdirSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import type { NodeSession } from '../../../src/app/ports.ts';
import { sh } from '../../../src/domain/shell/shell-command.ts';
import type { ShellCommand } from '../../../src/domain/shell/shell-command.ts';
import { startLocalCluster } from './local-cluster.ts';
import type { LocalCluster } from './local-cluster.ts';
import { waitUntil } from './wait-until.ts';
import { ifSet } from '../if-set.ts';

const STARTUP_LINE = /Server startup in \[\d{1,3}(,\d{3})+\] milliseconds/;
const CHANNELS = ['liferay-channel-control', 'liferay-channel-transport-0'];

/** A view of exactly these members, in whatever order they joined (a loaded machine may start them in any order). */
function viewLine(channel: string, members: readonly string[]): RegExp {
  const each = members.map((m) => `(?=[^\\]]*\\b${m}\\b)`).join('');
  return new RegExp(`\\[${channel}\\].*Accepted view \\[\\w+\\|\\d+\\] \\(${members.length}\\) \\[${each}[^\\]]*\\]`);
}

async function healthStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.status;
}

describe('local Liferay cluster', () => {
  let cluster: LocalCluster;
  const sessions = new Map<string, NodeSession>();
  const executor = new NodeSshExecutor({ reconnectDelaysMs: [50, 100, 200] });
  const ssh = async (node: string, command: ShellCommand, stdin?: string) => {
    let session = sessions.get(node);
    if (session === undefined) {
      session = await executor.connect(cluster.target(node));
      sessions.set(node, session);
    }
    return session.run(command, { timeoutMs: 20_000, ...(stdin !== undefined ? { stdin } : {}) });
  };

  beforeAll(async () => {
    cluster = await startLocalCluster({ nodes: 3, name: 'prod', startupMs: 100, shutdownMs: 50 });
    await cluster.startAll();
  });

  afterAll(async () => {
    for (const session of sessions.values()) await session.close();
    await ifSet(cluster)?.stop();
  });

  it('lays out each LIFERAY_HOME like a Tomcat bundle', () => {
    const { home, tomcatDir } = cluster.node('node1');
    for (const dir of ['deploy', 'logs', 'data', 'osgi/configs', 'osgi/modules', 'osgi/marketplace', 'osgi/war', 'patching-tool/patches']) {
      expect(existsSync(join(home, dir)), dir).toBe(true);
    }
    expect(readdirSync(join(home, 'osgi/state')).length).toBeGreaterThan(0);
    expect(existsSync(join(home, 'portal-ext.properties'))).toBe(true);
    expect(existsSync(join(tomcatDir, 'logs/catalina.out'))).toBe(true);
    for (const script of ['bin/startup.sh', 'bin/shutdown.sh', 'bin/catalina.sh', 'bin/setenv.sh']) {
      expect(() => accessSync(join(tomcatDir, script), constants.X_OK), script).not.toThrow();
    }
    expect(() => accessSync(join(home, 'patching-tool/patching-tool.sh'), constants.X_OK)).not.toThrow();
    expect(tomcatDir).toBe(join(home, 'tomcat-9.0.83'));
  });

  it.each(['node1', 'node2', 'node3'])('%s started: startup line, health 200, a view of 3 on both channels', async (name) => {
    expect(cluster.readCatalinaOut(name)).toMatch(STARTUP_LINE);
    expect(await healthStatus(cluster.node(name).healthUrl)).toBe(200);
    const log = cluster.readLiferayLog(name);
    for (const channel of CHANNELS) expect(log).toMatch(viewLine(channel, ['node1', 'node2', 'node3']));
    const state = await cluster.readState(name);
    expect(state).toMatchObject({ name, cluster: 'prod', phase: 'started' });
    // The members in any order: a loaded machine starts the nodes in any order.
    expect([...state.members].sort()).toEqual(['node1', 'node2', 'node3']);
    expect(state.jvmOptions).toEqual(expect.arrayContaining(['-Dfile.encoding=UTF-8', '-Duser.timezone=GMT', '-Xmx2g']));
    expect(state.portalExt['cluster.link.enabled']).toBe('true');
  });

  it('runs commands over SSH in LIFERAY_HOME', async () => {
    const result = await ssh('node2', sh`pwd`);
    expect(result.stdout.trim()).toBe(cluster.node('node2').home);
  });

  it('shutdown.sh returns at once; the node leaves and the others log a view of 2', async () => {
    const node3 = cluster.node('node3');
    const result = await ssh('node3', sh`${node3.tomcatDir}/bin/shutdown.sh`);
    expect(result.exitCode).toBe(0);
    await waitUntil(() => !cluster.isRunning('node3'), { timeoutMs: 60_000, what: 'node3 to exit' });
    await expect(healthStatus(node3.healthUrl)).rejects.toThrow();
    for (const name of ['node1', 'node2']) {
      await waitUntil(() => CHANNELS.every((c) => viewLine(c, ['node1', 'node2']).test(cluster.readLiferayLog(name))), {
        timeoutMs: 60_000,
        what: `${name} to log a view of 2`,
      });
    }
    expect(cluster.readCatalinaOut('node3')).toContain('Stopping service [Catalina]');
  });

  it('a node started again sees what changed on disk while it was down', async () => {
    const node3 = cluster.node('node3');
    const jdk = join(cluster.root, 'jdk-11.0.22');
    mkdirSync(join(jdk, 'bin'), { recursive: true });
    writeFileSync(join(jdk, 'bin/java'), '#!/bin/sh\necho \'openjdk version "11.0.22"\' >&2\n');
    chmodSync(join(jdk, 'bin/java'), 0o755);

    const setenv = `CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Duser.timezone=GMT -Xmx4g"\nJAVA_HOME=${jdk}\n`;
    expect((await ssh('node3', sh`cat > ${node3.tomcatDir}/bin/setenv.sh`, setenv)).exitCode).toBe(0);
    expect((await ssh('node3', sh`printf '%s\n' 'index.read.only=true' >> portal-ext.properties`)).exitCode).toBe(0);
    expect((await ssh('node3', sh`cat > osgi/modules/com.example.fix.jar`, 'jar bytes')).exitCode).toBe(0);
    expect((await ssh('node3', sh`rm -rf osgi/state`)).exitCode).toBe(0);

    const start = await ssh('node3', sh`${node3.tomcatDir}/bin/startup.sh`);
    expect(start.exitCode).toBe(0);
    expect(start.stdout).toContain('Tomcat started.');
    await waitUntil(async () => (await healthStatus(node3.healthUrl)) === 200, { timeoutMs: 60_000, what: 'node3 healthy' });

    const state = await cluster.readState('node3');
    expect(state.jvmOptions).toContain('-Xmx4g');
    expect(state.jvmOptions).not.toContain('-Xmx2g');
    expect(state.javaHome).toBe(jdk);
    expect(state.portalExt['index.read.only']).toBe('true');
    expect([...state.modules].sort()).toEqual(['com.acme.greeting.service-1.0.0.jar', 'com.example.fix.jar']);
    expect(state.osgiStateRebuilt).toBe(true);
    await waitUntil(() => CHANNELS.every((c) => viewLine(c, ['node1', 'node2', 'node3']).test(cluster.readLiferayLog('node3'))), {
      timeoutMs: 60_000,
      what: 'node3 back in a view of 3',
    });
  });

  it('startup.sh refuses to start a running node', async () => {
    const result = await ssh('node1', sh`${cluster.node('node1').tomcatDir}/bin/startup.sh`);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Tomcat appears to still be running');
  });

  it('catalina.sh refuses a JAVA_HOME without bin/java', async () => {
    const node2 = cluster.node('node2');
    const result = await ssh('node2', sh`JAVA_HOME=/nonexistent ${node2.tomcatDir}/bin/catalina.sh version`);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('The JAVA_HOME environment variable is not defined correctly');
  });
});

describe('startLocalCluster startAll when a node cannot start', () => {
  it('says which node could not bind its port, at once rather than at the timeout', async () => {
    const cluster = await startLocalCluster({ nodes: 1, name: 'busyport', startupMs: 50, shutdownMs: 30 });
    // Someone else holds node1's health port (what a port picked a moment earlier can run into).
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(cluster.node('node1').healthPort, '127.0.0.1', resolve));
    try {
      await expect(cluster.startAll({ timeoutMs: 60_000 })).rejects.toThrow(/busyport could not start: node1: Failed to start connector: .*EADDRINUSE/);
    } finally {
      squatter.close();
      await cluster.stop();
    }
  });
});
