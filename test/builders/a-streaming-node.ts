import type { NodeContext } from '../../src/app/node-context.ts';
import type { CommandResult, NodeSession, RunOptions } from '../../src/app/ports.ts';
import type { ClusterSpec } from '../../src/domain/plan/cluster-spec.ts';
import { nodePaths } from '../../src/domain/plan/node-paths.ts';

/**
 * The first node of `spec`, connected, whose every command is a log stream: it does what `stream`
 * does (write lines through `onStdout`, move a clock), then ends on the next tick, as a follow does
 * at its time-out. An abort stops it as ssh does (the run rejects), also when already aborted.
 */
export function aStreamingNode(spec: ClusterSpec, stream: (options: RunOptions) => void): NodeContext {
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
        stream(options);
        setTimeout(() => resolve({ exitCode: 0, stdout: '', stderr: '', durationMs: 0 }), 0);
      }),
    close: () => Promise.resolve(),
  };
  return {
    spec: node,
    target,
    paths: nodePaths(node.liferayHome, spec.tomcatDir, 'r-0001'),
    session,
    catalinaOffset: 0,
    liferayLog: { path: `${node.liferayHome}/logs/liferay.2025-03-04.log`, offset: 0 },
  };
}
