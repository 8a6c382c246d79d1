import { describe, expect, it } from 'vitest';
import type { RolloutEvent } from './rollout-event.ts';
import { lastRecorded, lastStep } from './last-recorded.ts';
import { neutralText } from '../text/rich-text.ts';

const at = (s: number): string => `2026-12-01T21:09:${String(s).padStart(2, '0')}.000Z`;
const started = (s: number, node: string, kind: 'stop' | 'wait-cluster', title: string): RolloutEvent => ({ type: 'StepStarted', at: at(s), stepId: `${node}/${kind}`, node, kind, purpose: 'rollout', title });
const succeeded = (s: number, node: string, kind: 'stop' | 'wait-cluster'): RolloutEvent => ({ type: 'StepSucceeded', at: at(s), stepId: `${node}/${kind}`, node, kind, purpose: 'rollout', durationMs: 1000 });

describe('what a dead run recorded last', () => {
  const killedDuringNode2Stop: RolloutEvent[] = [
    { type: 'RolloutStarted', at: at(0), planHash: 'h', nodes: ['node1', 'node2'] },
    started(1, 'node1', 'wait-cluster', 'wait until node1 sees a cluster of 3 members'),
    succeeded(2, 'node1', 'wait-cluster'),
    { type: 'NodeDone', at: at(2), node: 'node1', durationMs: 5000 },
    started(3, 'node2', 'stop', 'stop node2 (force after 15 s)'),
  ];
  it.each([
    ['nothing recorded', [], 'before its first step', ''],
    [
      'killed during node2 stop',
      killedDuringNode2Stop,
      "during node2's stop step (21:09:03 UTC)",
      'node1 healthy and back in the cluster (21:09:02 UTC); node2: stop node2 (force after 15 s) (started 21:09:03 UTC, no result recorded)',
    ],
    [
      'killed after a step finished',
      [...killedDuringNode2Stop, succeeded(4, 'node2', 'stop')],
      "after node2's stop step (21:09:04 UTC)",
      'node1 healthy and back in the cluster (21:09:02 UTC); node2: stop node2 (force after 15 s) done (21:09:04 UTC)',
    ],
  ] as const)('%s', (_name, events, step, recorded) => {
    expect(neutralText(lastStep(events))).toBe(step);
    expect(neutralText(lastRecorded(events))).toBe(recorded);
  });
});
