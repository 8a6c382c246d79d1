import { describe, expect, it } from 'vitest';
import { isNodeMember } from './is-node-member.ts';

describe('isNodeMember', () => {
  it.each([
    ['node1', 'node1', true],
    ['node1-12345', 'node1', true],
    ['node1-0', 'node1', true],
    ['lr-prod-1-4711', 'lr-prod-1', true],
    ['node10', 'node1', false],
    ['node10-123', 'node1', false],
    ['node1-', 'node1', false],
    ['node1-abc', 'node1', false],
    ['web-2-4711', 'web', false],
    ['xnode1-1', 'node1', false],
    ['Node1', 'node1', false],
  ])('%s is a member name of %s: %s', (member, name, expected) => {
    expect(isNodeMember(member, name)).toBe(expected);
  });
});
