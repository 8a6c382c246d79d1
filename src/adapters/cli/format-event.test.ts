import { describe, expect, it } from 'vitest';
import { formatEvent } from './format-event.ts';

describe('formatEvent', () => {
  it('prints a failed step with the node, the whole command, the exit code and the output tail', () => {
    const text = formatEvent({
      type: 'StepFailed',
      at: '2026-11-22T10:42:01.000Z',
      stepId: 'node2/apply', kind: 'apply', purpose: 'rollout',
      node: 'node2',
      durationMs: 1500,
      message: 'Patching Tool failed on node2 (exit 1)',
      command: "set -e\ncd '/opt/liferay/patching-tool'\n./patching-tool.sh install",
      exitCode: 1,
      outputTail: 'ERROR: corrupt patch\nline 2',
    });
    expect(text).toContain('10:42:01 node2    ✗ FAILED after 1.5 s: Patching Tool failed on node2 (exit 1)');
    expect(text).toContain("      $ cd '/opt/liferay/patching-tool'\n      $ ./patching-tool.sh install");
    expect(text).toContain('      exit code: 1');
    expect(text).toContain('      | ERROR: corrupt patch\n      | line 2');
  });

  it.each([
    [{ type: 'NodeDone', at: '2026-11-22T10:43:00.000Z', node: 'node1', durationMs: 65_000 } as const, 'node1    ● healthy and back in the cluster (65 s for this node)'],
    [{ type: 'RolloutDone', at: '2026-11-22T10:50:00.000Z', outcome: 'succeeded', durationMs: 420_000, summary: ['3 of 3 nodes updated'] } as const, 'rollout SUCCEEDED in 420 s: 3 of 3 nodes updated'],
    [{ type: 'RestoreFinished', at: '2026-11-22T10:50:00.000Z', node: 'node2', ok: false, message: 'node2 did not come back' } as const, 'node2    ✗ node2 did not come back'],
  ])('prints %o', (event, expected) => {
    expect(formatEvent(event)).toContain(expected);
  });
});
