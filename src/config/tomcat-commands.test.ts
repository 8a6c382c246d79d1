import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tomcatCommands } from './tomcat-commands.ts';

const hasProcps = spawnSync('sh', ['-c', 'command -v pkill && command -v pgrep']).status === 0;

/** A stand-in for Tomcat's java process: a node process whose command line carries `-Dcatalina.base=<base>`. */
function fakeCatalina(base: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '--', `-Dcatalina.base=${base}`, 'org.apache.catalina.startup.Bootstrap'], { stdio: 'ignore' });
}
const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('tomcatCommands', () => {
  it.each<[string, string, string, string]>([
    ['/opt/liferay', 'tomcat', '/opt/liferay/tomcat/bin/shutdown.sh', '/opt/liferay/tomcat/bin/startup.sh'],
    ['/opt/liferay', 'tomcat-9.0.83', '/opt/liferay/tomcat-9.0.83/bin/shutdown.sh', '/opt/liferay/tomcat-9.0.83/bin/startup.sh'],
    ['/srv/my liferay', 'tomcat', "'/srv/my liferay/tomcat/bin/shutdown.sh'", "'/srv/my liferay/tomcat/bin/startup.sh'"],
  ])('%s + %s: stop and start use the bundle scripts, quoted', (home, dir, stop, start) => {
    expect(tomcatCommands(home, dir)).toMatchObject({ stop, start });
  });

  it('forceStop kills via $CATALINA_PID, then this bundle\'s java process by its catalina.base', () => {
    const { forceStop } = tomcatCommands('/opt/liferay', 'tomcat-9.0.83');
    expect(forceStop).toContain('kill -9 "$(cat "$CATALINA_PID")"');
    expect(forceStop).toContain("pkill -9 -f -- '-Dcatalina\\.base=/opt/liferay/tomcat-9\\.0\\.83( |$)'");
    expect(forceStop).not.toMatch(/[\r\n]/);
  });

  it.skipIf(!hasProcps)('forceStop kills only the java process of its own bundle and succeeds once it is gone', async () => {
    const home = `/tmp/liferay-rollout-test-${randomUUID()}`;
    const target = fakeCatalina(`${home}/tomcat`);
    const neighbour = fakeCatalina(`${home}/tomcat2`);
    try {
      await sleep(300);
      expect([alive(target), alive(neighbour)]).toEqual([true, true]);
      const { forceStop } = tomcatCommands(home, 'tomcat');
      const first = spawnSync('sh', ['-c', forceStop], { encoding: 'utf8' });
      await sleep(200);
      expect(first.status).toBe(0);
      expect(alive(target)).toBe(false);
      expect(alive(neighbour)).toBe(true);
      expect(spawnSync('sh', ['-c', forceStop]).status).toBe(0);
    } finally {
      target.kill('SIGKILL');
      neighbour.kill('SIGKILL');
    }
  });
});
