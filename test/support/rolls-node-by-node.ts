import { expect } from 'vitest';
import { replay } from '../../src/domain/rollout/rollout-state.ts';
import type { LocalRollout } from './local-rollout.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';

/**
 * A change kind, its request, what every node must show afterwards, and what every node must have
 * before (written straight into each node's LIFERAY_HOME, so no row depends on the row before it).
 */
export type ChangeKindRow = readonly [kind: string, text: string, check: (home: string, state: Record<string, unknown>) => void, arrange?: (home: string) => void];

const startupLines = (text: string): number => text.split('\n').filter((l) => l.includes('Server startup in')).length;

/**
 * Runs the request on the 3-node local rollout and checks it went node by node (each stop after the
 * previous node is back in the cluster), every node restarted once, shows the change and is verified.
 */
export async function expectRollsNodeByNode(env: LocalRollout, [, text, check, arrange]: ChangeKindRow): Promise<void> {
  for (const node of env.local.nodes) arrange?.(node.home);
  const before = env.local.nodes.map((n) => startupLines(env.local.readCatalinaOut(n.name)));
  const { prepared, result, events } = await env.run(text);
  expect(prepared.verdict.type === 'verdict' && prepared.verdict.verdict).toBe('eligible');
  expect(result.outcome, neutralText(result.summary)).toBe('succeeded');
  // Never more than one node out: each node's stop comes after the previous node is back in the cluster.
  const order = events.flatMap((e) => (e.type === 'StepStarted' && /\/(stop|wait-cluster)$/.test(e.stepId) ? [e.stepId] : []));
  expect(order).toEqual(['node1/stop', 'node1/wait-cluster', 'node2/stop', 'node2/wait-cluster', 'node3/stop', 'node3/wait-cluster']);
  expect(events.filter((e) => e.type === 'NodeDone').map((e) => ('node' in e ? e.node : ''))).toEqual(['node1', 'node2', 'node3']);
  for (const node of env.local.nodes) {
    check(node.home, (await env.local.readState(node.name)) as unknown as Record<string, unknown>);
  }
  const after = env.local.nodes.map((n) => startupLines(env.local.readCatalinaOut(n.name)));
  expect(after.map((a, i) => a - (before[i] ?? 0))).toEqual([1, 1, 1]);
  const state = replay(['node1', 'node2', 'node3'], events);
  expect(state.status).toBe('succeeded');
  expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['verified', 'verified', 'verified']);
}
