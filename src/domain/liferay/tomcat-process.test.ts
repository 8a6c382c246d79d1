import { describe, expect, it } from 'vitest';
import { nodePaths } from '../plan/node-paths.ts';
import { tomcatProcess } from './tomcat-process.ts';

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
});
