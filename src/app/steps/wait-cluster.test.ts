import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { NodeContext } from '../node-context.ts';
import type { Clock, CommandResult, NodeSession, RunOptions } from '../ports.ts';
import { waitCluster } from './wait-cluster.ts';
import { typedExpect } from '../../../test/support/typed-expect.ts';

/** A clock whose sleeps end only when the test moves time past them (or their signal aborts); it counts the sleeps pending at once. */
class CountingClock implements Clock {
  private ms = Date.parse('2025-03-04T09:20:00.000Z');
  private readonly sleeps = new Set<{ readonly until: number; readonly end: () => void }>();
  mostPending = 0;

  now(): Date {
    return new Date(this.ms);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const sleep = {
        until: this.ms + ms,
        end: () => {
          this.sleeps.delete(sleep);
          resolve();
        },
      };
      this.sleeps.add(sleep);
      this.mostPending = Math.max(this.mostPending, this.sleeps.size);
      signal?.addEventListener('abort', sleep.end, { once: true });
    });
  }

  advance(ms: number): void {
    this.ms += ms;
    for (const sleep of [...this.sleeps]) if (sleep.until <= this.ms) sleep.end();
  }
}

const SETTLE_MS = 1000;
const view = (channel: string, id: number): string => `2025-03-04 09:20:00.000 INFO  [liferay-channel-${channel}][JGroupsReceiver:91] Accepted view [node1|${id}] (2) [node1, node2]\n`;

describe('waitCluster: the settle window', () => {
  it('many view lines inside one settle window keep one settle check pending, not one per line, and the gate passes once the window has held', async () => {
    const spec = aCluster().withNodes(2).build();
    const node = spec.nodes[0];
    if (node === undefined) throw new Error('no node');
    const clock = new CountingClock();
    const target = { name: node.name, host: node.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 };
    const session: NodeSession = {
      target,
      run: (_command, options: RunOptions): Promise<CommandResult> =>
        new Promise((_resolve, reject) => {
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          // 15 views on each channel within the window (a chatty JGroups at startup), then the window runs out.
          for (let i = 0; i < 15; i += 1) options.onStdout?.(view('control', i) + view('transport-0', i));
          clock.advance(SETTLE_MS);
        }),
      close: () => Promise.resolve(),
    };
    const ctx: NodeContext = {
      spec: node,
      target,
      paths: nodePaths(node.liferayHome, spec.tomcatDir, 'r-0001'),
      session,
      catalinaOffset: 0,
      liferayLog: { path: `${node.liferayHome}/logs/liferay.2025-03-04.log`, offset: 0 },
    };

    const outcome = await waitCluster(ctx, { clock }, 2, 60, SETTLE_MS);

    expect(outcome).toMatchObject({ ok: true, detail: typedExpect.stringMatching(/^cluster view control: 2 \[node1, node2\]; transport-0: 2 \[node1, node2\]/) });
    expect(clock.mostPending).toBe(1);
  });
});
