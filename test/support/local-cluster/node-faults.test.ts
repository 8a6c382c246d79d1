import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeSshExecutor } from '../../../src/adapters/ssh/node-ssh-executor.ts';
import type { CommandResult, NodeSession } from '../../../src/app/ports.ts';
import { sh } from '../../../src/domain/shell/shell-command.ts';
import { startLocalCluster } from './local-cluster.ts';
import type { LocalCluster } from './local-cluster.ts';
import { waitUntil } from './wait-until.ts';
import { ifSet } from '../if-set.ts';

async function healthStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.status;
}

describe('fault injection', () => {
  let cluster: LocalCluster;
  let session: NodeSession;
  const catalina = (...args: string[]): Promise<CommandResult> =>
    session.run(sh`${cluster.node('node2').tomcatDir}/bin/catalina.sh ${args}`, { timeoutMs: 20_000 });
  const members = async (name: string): Promise<readonly string[]> => (await cluster.readState(name)).members;
  const waitMembers = (name: string, expected: readonly string[]): Promise<boolean> =>
    waitUntil(async () => JSON.stringify(await members(name)) === JSON.stringify(expected), {
      timeoutMs: 60_000,
      what: `${name} to see ${expected.join(', ')}`,
    });
  const stopNode2 = async (): Promise<void> => {
    if (!cluster.isRunning('node2')) return;
    await catalina('stop', '5', '-force');
    await waitUntil(() => !cluster.isRunning('node2'), { timeoutMs: 60_000, what: 'node2 to stop' });
  };

  beforeAll(async () => {
    cluster = await startLocalCluster({ nodes: 2, name: 'faults', startupMs: 100, shutdownMs: 50 });
    session = await new NodeSshExecutor().connect(cluster.target('node2'));
  });

  beforeEach(async () => {
    await cluster.setFaults('node2', {});
    await cluster.startAll();
  });

  afterAll(async () => {
    await ifSet(session)?.close();
    await ifSet(cluster)?.stop();
  });

  it.each([500, 404])('healthStatus %i is served instead of 200, and cleared again', async (status) => {
    const { healthUrl } = cluster.node('node2');
    await cluster.setFaults('node2', { healthStatus: status });
    expect(await healthStatus(healthUrl)).toBe(status);
    await cluster.setFaults('node2', {});
    expect(await healthStatus(healthUrl)).toBe(200);
  });

  it('neverJoinsCluster makes the node leave; clearing it lets it rejoin', async () => {
    await cluster.setFaults('node2', { neverJoinsCluster: true });
    await waitMembers('node1', ['node1']);
    expect(await members('node2')).toEqual([]);
    expect(cluster.readLiferayLog('node1')).toContain('Accepted view [node1|');
    expect(cluster.readLiferayLog('node1')).toMatch(/Accepted view \[node1\|\d+\] \(1\) \[node1\]/);
    expect(await healthStatus(cluster.node('node2').healthUrl)).toBe(200);
    await cluster.setFaults('node2', {});
    await waitMembers('node1', ['node1', 'node2']);
  });

  it('flappingView logs a full view, ~100 ms later a view of the node alone, and the real view once cleared', async () => {
    const before = cluster.readLiferayLog('node2').length;
    await cluster.setFaults('node2', { flappingView: true });
    await waitMembers('node2', ['node2']);
    const views = (): string[] => [...cluster.readLiferayLog('node2').slice(before).matchAll(/channel-control\].*Accepted view \[[^\]]*\] (\(\d+\) \[[^\]]*\])/g)].map((m) => m[1] ?? '');
    expect(views()).toEqual(['(2) [node1, node2]', '(1) [node2]']);
    // No further view while it is set: an absence, so it is watched for a while (six registry ticks of 50 ms).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(views()).toHaveLength(2);
    await cluster.setFaults('node2', {});
    await waitMembers('node2', ['node1', 'node2']);
    expect(views()).toEqual(['(2) [node1, node2]', '(1) [node2]', '(2) [node1, node2]']);
  });

  it('shutdownHangs ignores shutdown.sh; only a forced stop (SIGKILL) ends the node', async () => {
    await cluster.setFaults('node2', { shutdownHangs: true });
    const logged = cluster.readCatalinaOut('node2').length;
    const stop = await session.run(sh`${cluster.node('node2').tomcatDir}/bin/shutdown.sh`, { timeoutMs: 10_000 });
    expect(stop.exitCode).toBe(0);
    // The sim has taken the shutdown and decided to hang (it says so in catalina.out), and it still runs.
    await waitUntil(() => cluster.readCatalinaOut('node2').slice(logged).includes('fault shutdownHangs'), { timeoutMs: 60_000, what: 'node2 to take the shutdown and hang' });
    expect(cluster.isRunning('node2')).toBe(true);

    const forced = await catalina('stop', '1', '-force');
    expect(forced.stdout).toContain('The Tomcat process has been killed.');
    await waitUntil(() => !cluster.isRunning('node2'), { timeoutMs: 60_000, what: 'node2 to be killed' });
    await waitMembers('node1', ['node1']);
  });

  it('startupNeverCompletes keeps health at 503 with no startup line', async () => {
    await stopNode2();
    await cluster.setFaults('node2', { startupNeverCompletes: true });
    const before = cluster.readCatalinaOut('node2').split('Server startup in').length;
    expect((await catalina('start')).exitCode).toBe(0);
    await waitUntil(() => cluster.isRunning('node2'), { timeoutMs: 60_000, what: 'node2 process' });
    // Three startup delays after the sim itself started (its own clock, not the test's): no startup line by then.
    await waitUntil(async () => {
      const state = await cluster.readState('node2');
      return Date.now() - Date.parse(state.startedAt) >= 3 * state.startupDelayMs;
    }, { timeoutMs: 60_000, what: 'three startup delays of node2' });
    expect(await healthStatus(cluster.node('node2').healthUrl)).toBe(503);
    expect((await cluster.readState('node2')).phase).toBe('starting');
    expect(cluster.readCatalinaOut('node2').split('Server startup in').length).toBe(before);
    await stopNode2();
  });

  it('startupMs overrides the startup delay of the next start', async () => {
    await stopNode2();
    await cluster.setFaults('node2', { startupMs: 20_000 });
    await catalina('start');
    await waitUntil(() => cluster.isRunning('node2'), { timeoutMs: 60_000, what: 'node2 process' });
    const state = await waitUntil(() => cluster.readState('node2'), { timeoutMs: 60_000, what: 'node2 state' });
    expect(state).toMatchObject({ startupDelayMs: 20_000, phase: 'starting' });
    expect(await healthStatus(cluster.node('node2').healthUrl)).toBe(503);
    await stopNode2();
  });
});
