import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { NodeContext } from '../node-context.ts';
import type { CommandResult, NodeSession, RunOptions } from '../ports.ts';
import { followLog } from './follow-log.ts';

/** node1 of a cluster, whose log stream writes `lines` and then ends (or stops when aborted, as ssh does). */
function nodeWritingLines(lines: readonly string[]): NodeContext {
  const spec = aCluster().withNodes(1).build();
  const node = spec.nodes[0];
  if (node === undefined) throw new Error('no node');
  const target = { name: node.name, host: node.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 };
  const session: NodeSession = {
    target,
    run: (_command, options: RunOptions): Promise<CommandResult> =>
      new Promise((resolve, reject) => {
        if (options.signal?.aborted === true) {
          reject(new Error('aborted'));
          return;
        }
        options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        options.onStdout?.(lines.map((l) => `${l}\n`).join(''));
        setTimeout(() => resolve({ exitCode: 0, stdout: '', stderr: '', durationMs: 0 }), 0);
      }),
    close: () => Promise.resolve(),
  };
  return { spec: node, target, paths: nodePaths(node.liferayHome, spec.tomcatDir, 'r-0001'), session, catalinaOffset: 0, liferayLog: undefined };
}

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
