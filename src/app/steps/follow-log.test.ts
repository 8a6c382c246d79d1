import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { aStreamingNode } from '../../../test/builders/a-streaming-node.ts';
import type { NodeContext } from '../node-context.ts';
import { followLog } from './follow-log.ts';

/** node1 of a cluster, whose log stream writes `lines` and then ends (or stops when aborted, as ssh does). */
const nodeWritingLines = (lines: readonly string[]): NodeContext => aStreamingNode(aCluster().withNodes(1).build(), (options) => options.onStdout?.(lines.map((l) => `${l}\n`).join('')));

describe('followLog', () => {
  it.each([
    { name: 'the line is found', lines: ['booting', 'Server startup in 1234 ms'], ok: true },
    { name: 'the stream ends first', lines: ['booting'], ok: false },
  ])('leaves no listener on the run\'s signal, however many follows it outlives: $name', async ({ lines, ok }) => {
    const run = new AbortController();
    const ctx = nodeWritingLines(lines);

    for (let i = 0; i < 20; i += 1) {
      const result = await followLog(ctx, '/opt/liferay/tomcat/logs/catalina.out', 0, 5000, (line) => line.includes('Server startup in'), undefined, run.signal);
      expect(result.ok).toBe(ok);
    }

    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('a run stopped while it follows is told so', async () => {
    const run = new AbortController();
    run.abort();

    const result = await followLog(nodeWritingLines(['booting']), '/opt/liferay/tomcat/logs/catalina.out', 0, 5000, () => false, undefined, run.signal);

    expect(result).toMatchObject({ ok: false, error: 'stopped' });
  });
});
