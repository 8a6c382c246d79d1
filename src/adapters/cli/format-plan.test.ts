import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../test/builders/a-rollout-plan.ts';
import { formatPlan } from './format-plan.ts';

describe('formatPlan', () => {
  it.each([
    ['every node', aRolloutPlan(), ['  nodes in order: node1, node2, node3'], ['skipped']],
    ['a rolling plan with a skipped node', aRolloutPlan().skipping('node1'), ['  nodes changed, in order: node2, node3', '  skipped (already done; left running): node1: already has dxp-17-7110'], ['[node1] stop']],
    [
      'a full shutdown with a skipped node',
      aRolloutPlan().fullShutdown().skipping('node2', 'already has it'),
      ['  nodes changed, in order: node1, node3', '  skipped (already done; stopped and started with the others, not changed): node2: already has it', '[node2] stop node2', '[node2] start node2'],
      ['[node2] back up', 'fixpack install dxp-17-7110 on node2'],
    ],
  ] as const)('%s', (_name, builder, shown, absent) => {
    const text = formatPlan(builder.build());
    for (const line of shown) expect(text).toContain(line);
    for (const line of absent) expect(text).not.toContain(line);
  });
});
