import { describe, expect, it } from 'vitest';
import type { ChangeNeed } from './change-need.ts';
import { nodesNeeding, type NodesNeeding } from './nodes-needing.ts';

const done = (detail: string): ChangeNeed => ({ kind: 'done', detail });
const needed: ChangeNeed = { kind: 'needed', detail: 'has dxp-13-7110' };
const unknown = (detail: string): ChangeNeed => ({ kind: 'unknown', detail });
const NODES = ['node1', 'node2', 'node3'];

describe('nodesNeeding', () => {
  it.each<[string, Record<string, ChangeNeed>, NodesNeeding]>([
    ['no checks: every node, in inventory order', {}, { needing: NODES, skipped: [], unsure: [] }],
    ['every node needs it', { node1: needed, node2: needed, node3: needed }, { needing: NODES, skipped: [], unsure: [] }],
    [
      'one node already has it',
      { node3: needed, node1: done('already has dxp-14-7110'), node2: needed },
      { needing: ['node2', 'node3'], skipped: [{ node: 'node1', reason: 'already has dxp-14-7110' }], unsure: [] },
    ],
    [
      'every node already has it',
      { node1: done('a'), node2: done('b'), node3: done('a') },
      { needing: [], skipped: [{ node: 'node1', reason: 'a' }, { node: 'node2', reason: 'b' }, { node: 'node3', reason: 'a' }], unsure: [] },
    ],
    [
      'an unsure node is changed, and said so',
      { node1: done('x'), node2: unknown('its installed patches are not known'), node3: needed },
      { needing: ['node2', 'node3'], skipped: [{ node: 'node1', reason: 'x' }], unsure: [{ node: 'node2', reason: 'its installed patches are not known' }] },
    ],
    ['a node without an answer needs it', { node1: done('x') }, { needing: ['node2', 'node3'], skipped: [{ node: 'node1', reason: 'x' }], unsure: [] }],
  ])('%s', (_name, needs, expected) => {
    expect(nodesNeeding(NODES, new Map(Object.entries(needs)))).toEqual(expected);
  });
});
