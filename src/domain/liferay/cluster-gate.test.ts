import { describe, expect, it } from 'vitest';
import { parseAcceptedView } from './accepted-view.ts';
import { clusterGate, type ObservedView } from './cluster-gate.ts';

const control = (id: number, members: readonly string[]): string =>
  `2026-11-22 10:00:00.000 INFO  [liferay-channel-control][JGroupsReceiver:91] Accepted view [${members[0] ?? 'x'}|${id}] (${members.length}) [${members.join(', ')}]`;
const transport = (id: number, members: readonly string[]): string =>
  `2026-11-22 10:00:00.000 INFO  [liferay-channel-transport-0][JGroupsReceiver:91] Accepted view [${members[0] ?? 'x'}|${id}] (${members.length}) [${members.join(', ')}]`;
const both = (id: number, members: readonly string[]): string[] => [control(id, members), transport(id, members)];

/** Log lines with the arrival time (ms) of each; lines that are not views are ignored, as in the log. */
const observed = (lines: ReadonlyArray<readonly [number, string]>): ObservedView[] =>
  lines.flatMap(([atMs, line]) => {
    const view = parseAcceptedView(line);
    return view === undefined ? [] : [{ view, atMs }];
  });
const at = (atMs: number, lines: readonly string[]): Array<readonly [number, string]> => lines.map((l) => [atMs, l] as const);

const ALL = ['node2', 'node3', 'node1'];
const expected = { members: 3, memberName: 'node1' };

describe('clusterGate', () => {
  it.each([
    { name: 'nothing yet', lines: [], now: 5000, gate: { state: 'waiting', reason: 'no view accepted since it started' } },
    { name: 'full view on both channels, settled', lines: at(0, both(7, ALL)), now: 1000, gate: { state: 'passed' } },
    { name: 'full view, not yet settled', lines: at(0, both(7, ALL)), now: 999, gate: { state: 'settling', sinceMs: 0, untilMs: 1000 } },
    {
      name: 'a stale full view replaced 100 ms later by a 2-member view',
      lines: [...at(0, both(7, ALL)), ...at(100, both(8, ['node1', 'node2']))],
      now: 5000,
      gate: { state: 'waiting', reason: 'control: 2 members, expected at least 3' },
    },
    {
      name: 'the smaller view on transport only breaks it too',
      lines: [...at(0, both(7, ALL)), [100, transport(8, ['node1', 'node2'])]],
      now: 5000,
      gate: { state: 'waiting', reason: 'transport-0: 2 members, expected at least 3' },
    },
    {
      name: 'a flap, then the full view again: the settle window starts over',
      lines: [...at(0, both(7, ALL)), ...at(100, both(8, ['node1'])), ...at(900, both(9, ALL))],
      now: 1500,
      gate: { state: 'settling', sinceMs: 900, untilMs: 1900 },
    },
    {
      name: 'a newer view that still holds does not restart the window',
      lines: [...at(0, both(7, ALL)), ...at(500, both(8, ['node3', 'node1', 'node2']))],
      now: 1000,
      gate: { state: 'passed' },
    },
    { name: 'control only', lines: at(0, [control(7, ALL)]), now: 5000, gate: { state: 'waiting', reason: 'no view on a transport channel yet' } },
    { name: 'transport only', lines: at(0, [transport(7, ALL)]), now: 5000, gate: { state: 'waiting', reason: 'no view on the control channel yet' } },
    {
      name: 'three members without this node',
      lines: at(0, both(7, ['node2', 'node3', 'node4'])),
      now: 5000,
      gate: { state: 'waiting', reason: 'control: node1 is not a member of [node2, node3, node4]' },
    },
    {
      name: 'Liferay member names (<hostname>-<number>)',
      lines: at(0, both(7, ['node2-811', 'node3-12', 'node1-30211'])),
      now: 1000,
      gate: { state: 'passed' },
    },
    { name: 'more members than expected (at least)', lines: at(0, both(7, [...ALL, 'node4'])), now: 1000, gate: { state: 'passed' } },
    { name: 'fewer members than expected', lines: at(0, both(7, ['node1', 'node2'])), now: 5000, gate: { state: 'waiting', reason: 'control: 2 members, expected at least 3' } },
    {
      name: 'a second transport channel must agree as well',
      lines: [...at(0, both(7, ALL)), [0, `[liferay-channel-transport-1] Accepted view [node2|3] (2) [node2, node1]`]],
      now: 5000,
      gate: { state: 'waiting', reason: 'transport-1: 2 members, expected at least 3' },
    },
    { name: 'a log without channel names: one view is enough', lines: [[0, 'Accepted view [node2|4] (3) [node2, node3, node1]']], now: 1000, gate: { state: 'passed' } },
    {
      name: 'without channel names the latest view counts',
      lines: [[0, 'Accepted view [node2|4] (3) [node2, node3, node1]'], [50, 'Accepted view [node2|5] (2) [node2, node1]']],
      now: 5000,
      gate: { state: 'waiting', reason: 'default: 2 members, expected at least 3' },
    },
    { name: 'other log lines are not views', lines: [[0, 'INFO [main] Liferay DXP started'], ...at(10, both(7, ALL))], now: 1010, gate: { state: 'passed' } },
  ] as const)('$name', ({ lines, now, gate }) => {
    expect(clusterGate(observed(lines), expected, now, 1000)).toMatchObject(gate);
  });

  it('passes at once with a settle window of 0', () => {
    expect(clusterGate(observed(at(0, both(7, ALL))), expected, 0, 0).state).toBe('passed');
  });

  it('hands back the latest view of each channel when it passes', () => {
    const gate = clusterGate(observed([...at(0, both(7, ['node1'])), ...at(10, both(8, ALL))]), expected, 2000, 1000);
    expect(gate.state === 'passed' && [...gate.views.entries()].map(([c, v]) => [c, v.viewId])).toEqual([
      ['control', 8],
      ['transport-0', 8],
    ]);
  });
});
