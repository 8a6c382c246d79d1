import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { nodePaths } from '../plan/node-paths.ts';
import { tomcatProcess } from './tomcat-process.ts';

const hasProcps = spawnSync('sh', ['-c', 'command -v pkill && command -v pgrep']).status === 0;

/** A stand-in for Tomcat's java process: a node process whose command line carries `-Dcatalina.base=<base>`. */
async function fakeCatalina(base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)', '--', `-Dcatalina.base=${base}`, 'org.apache.catalina.startup.Bootstrap'], { stdio: 'ignore' });
  await once(child, 'spawn');
  return child;
}
const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;
/** Resolves once the child has exited; a generous bound, for a loaded machine. */
const exited = (child: ChildProcess): Promise<unknown> =>
  alive(child) ? Promise.race([once(child, 'exit'), new Promise((_, reject) => setTimeout(() => reject(new Error('process still running after 30 s')), 30_000).unref())]) : Promise.resolve();

describe('tomcatProcess', () => {
  it.each([
    ['/opt/liferay', 'tomcat', '/opt/liferay/tomcat', '-Dcatalina\\.base=/opt/liferay/tomcat( |$)'],
    ['/opt/liferay/', 'tomcat-9.0.83', '/opt/liferay/tomcat-9.0.83', '-Dcatalina\\.base=/opt/liferay/tomcat-9\\.0\\.83( |$)'],
    ['/srv/a+b (x)', 'tomcat', '/srv/a+b (x)/tomcat', '-Dcatalina\\.base=/srv/a\\+b \\(x\\)/tomcat( |$)'],
    ['/', 'tomcat', '/tomcat', '-Dcatalina\\.base=/tomcat( |$)'],
  ])('%s + %s: base %s, pattern %s', (home, dir, base, pattern) => {
    const process = tomcatProcess(home, dir);
    expect(process).toMatchObject({ base, pattern });
    // The plan's pgrep and the configured force stop use this one pattern.
    expect(nodePaths(home, dir, 'r1')).toMatchObject({ tomcat: base, processPattern: pattern });
    expect(process.forceStop).toContain(`pkill -9 -f -- '${pattern}'`);
    expect(process.forceStop).toContain(`! pgrep -f -- '${pattern}' >/dev/null`);
  });

  it.each<[string, string, string, string]>([
    ['/opt/liferay', 'tomcat', '/opt/liferay/tomcat/bin/shutdown.sh', '/opt/liferay/tomcat/bin/startup.sh'],
    ['/opt/liferay', 'tomcat-9.0.83', '/opt/liferay/tomcat-9.0.83/bin/shutdown.sh', '/opt/liferay/tomcat-9.0.83/bin/startup.sh'],
    ['/srv/my liferay', 'tomcat', "'/srv/my liferay/tomcat/bin/shutdown.sh'", "'/srv/my liferay/tomcat/bin/startup.sh'"],
  ])('%s + %s: stop and start use the bundle scripts, quoted', (home, dir, stop, start) => {
    expect(tomcatProcess(home, dir)).toMatchObject({ stop, start });
  });

  it('forceStop kills via $CATALINA_PID, then this bundle\'s java process by its catalina.base, on one line', () => {
    const { forceStop } = tomcatProcess('/opt/liferay', 'tomcat-9.0.83');
    expect(forceStop).toContain('kill -9 "$(cat "$CATALINA_PID")"');
    expect(forceStop).toContain("pkill -9 -f -- '-Dcatalina\\.base=/opt/liferay/tomcat-9\\.0\\.83( |$)'");
    expect(forceStop).not.toMatch(/[\r\n]/);
  });

  it.skipIf(!hasProcps)('forceStop kills only the java process of its own bundle and succeeds once it is gone', async () => {
    const home = `/tmp/liferay-rollout-test-${randomUUID()}`;
    const target = await fakeCatalina(`${home}/tomcat`);
    const neighbour = await fakeCatalina(`${home}/tomcat2`);
    try {
      const { forceStop } = tomcatProcess(home, 'tomcat');
      const first = spawnSync('sh', ['-c', forceStop], { encoding: 'utf8' });
      expect(first.status).toBe(0);
      await exited(target);
      expect(alive(target)).toBe(false);
      expect(alive(neighbour)).toBe(true);
      expect(spawnSync('sh', ['-c', forceStop]).status).toBe(0);
    } finally {
      target.kill('SIGKILL');
      neighbour.kill('SIGKILL');
    }
  }, 60_000);
});
