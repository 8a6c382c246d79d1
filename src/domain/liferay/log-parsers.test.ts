import { describe, expect, it } from 'vitest';
import { parseAcceptedView } from './accepted-view.ts';
import { parsePatchingToolInfo } from './patching-tool-info.ts';
import { parseStartupLine } from './startup-line.ts';

describe('parseStartupLine', () => {
  it.each([
    ['22-Nov-2026 10:00:00.000 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [207925] milliseconds', 207925],
    ['Server startup in [207,925] milliseconds', 207925],
    ['Server startup in [207.925] milliseconds', 207925],
    ["Server startup in [1'234] milliseconds", 1234],
    ['Server startup in 12345 ms', 12345],
    ['INFO: Server startup in 999 ms', 999],
    ['Server startup in [] milliseconds', undefined],
    ['Server startup failed', undefined],
    ['Starting Servlet engine', undefined],
  ])('%s -> %s', (line, expected) => {
    expect(parseStartupLine(line)).toBe(expected);
  });
});

describe('parseAcceptedView', () => {
  it.each([
    [
      '2026-11-22 10:00:00.000 INFO  [Incoming-1,liferay-channel-control,node1-123][JGroupsReceiver:91] Accepted view [node1-123|7] (3) [node1-123, node2-456, node3-789]',
      { channel: 'control', coordinator: 'node1-123', viewId: 7, memberCount: 3, members: ['node1-123', 'node2-456', 'node3-789'] },
    ],
    ['[liferay-channel-transport-0] Accepted view [n1|2] (1) [n1]', { channel: 'transport-0', coordinator: 'n1', viewId: 2, memberCount: 1, members: ['n1'] }],
    ['Accepted view [n1|0] (2) [n1, n2]', { channel: undefined, coordinator: 'n1', viewId: 0, memberCount: 2, members: ['n1', 'n2'] }],
  ])('%s', (line, expected) => {
    expect(parseAcceptedView(line)).toEqual(expected);
  });

  it.each(['Accepted view', 'Rejected view [n1|2] (1) [n1]', 'Accepted view [n1] (1) [n1]'])('not a view: %s', (line) => {
    expect(parseAcceptedView(line)).toBeUndefined();
  });
});

describe('parsePatchingToolInfo', () => {
  it('reads installed, available and the detailed list', () => {
    const output = [
      'Loading product and patch information...',
      'Product information:',
      '  * installation type: binary',
      'Currently installed patches: dxp-10-7210',
      'Available patches: dxp-8-7210, dxp-10-7210',
      'Detailed patch list:',
      "  [ -] dxp-8-7210 :: Currently not installed; Won't be installed: dxp-10-7210 contains dxp-8-7210.",
      '  [*I] dxp-10-7210 :: Installed; Will be installed. :: Built for LIFERAY',
    ].join('\n');
    expect(parsePatchingToolInfo(output)).toEqual({
      installed: ['dxp-10-7210'],
      available: ['dxp-8-7210', 'dxp-10-7210'],
      details: [
        { id: 'dxp-8-7210', installed: false, willInstall: false },
        { id: 'dxp-10-7210', installed: true, willInstall: true },
      ],
    });
  });

  it.each([
    ['nothing installed', 'Currently installed patches: -\nAvailable patches: -\n', []],
    ['several', 'Currently installed patches: dxp-10-7210, hotfix-12-7210\n', ['dxp-10-7210', 'hotfix-12-7210']],
  ])('%s', (_name, output, installed) => {
    expect(parsePatchingToolInfo(output)?.installed).toEqual(installed);
  });

  it('is undefined for unrelated output', () => {
    expect(parsePatchingToolInfo('bash: patching-tool.sh: command not found')).toBeUndefined();
  });
});
