import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { silentLog } from '../../../test/builders/service-deps.ts';
import { aStreamingNode } from '../../../test/builders/a-streaming-node.ts';
import { healthGateSteps } from '../../domain/plan/bring-up-steps.ts';
import type { StepDeps } from '../node-context.ts';
import type { Clock } from '../ports.ts';
import { executeStep } from './execute-step.ts';
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
    const clock = new CountingClock();
    const ctx = aStreamingNode(spec, (options) => {
      // 15 views on each channel within the window (a chatty JGroups at startup), then the window runs out.
      for (let i = 0; i < 15; i += 1) options.onStdout?.(view('control', i) + view('transport-0', i));
      clock.advance(SETTLE_MS);
    });

    const outcome = await waitCluster(ctx, { clock }, { members: 2, timeoutSeconds: 60, settleSeconds: SETTLE_MS / 1000 });

    expect(outcome).toMatchObject({ ok: true, detail: typedExpect.stringMatching(/^cluster view control: 2 \[node1, node2\]; transport-0: 2 \[node1, node2\]/) });
    expect(clock.mostPending).toBe(1);
  });
});

describe("the plan's wait-cluster step: the window of the cluster's health.clusterSettleSeconds", () => {
  const unused = (): never => {
    throw new Error('unused');
  };

  it.each<{ settleSeconds: number; heldMs: number; ok: boolean; says: RegExp }>([
    { settleSeconds: 0.5, heldMs: 500, ok: true, says: /^cluster view control: 2/ },
    { settleSeconds: 0.5, heldMs: 499, ok: false, says: /within 60 s: the view held for less than 0\.5 s/ },
    { settleSeconds: 2, heldMs: 1000, ok: false, says: /within 60 s: the view held for less than 2 s/ },
    { settleSeconds: 2, heldMs: 2000, ok: true, says: /^cluster view control: 2/ },
  ])('settle $settleSeconds s, the view held $heldMs ms: ok=$ok', async ({ settleSeconds, heldMs, ok, says }) => {
    const spec = aCluster().withNodes(2).withHealth({ clusterSettleSeconds: settleSeconds, clusterTimeoutSeconds: 60 }).build();
    const node = spec.nodes[0];
    if (node === undefined) throw new Error('no node');
    const step = healthGateSteps(node, spec.health, 2).find((s) => s.action.kind === 'wait-cluster');
    if (step === undefined) throw new Error('no wait-cluster step');
    expect(step.action).toEqual({ kind: 'wait-cluster', members: 2, timeoutSeconds: 60, settleSeconds });
    const clock = new CountingClock();
    const ctx = aStreamingNode(spec, (options) => {
      options.onStdout?.(view('control', 1) + view('transport-0', 1));
      clock.advance(heldMs);
    });
    const deps: StepDeps = { executor: { connect: unused }, healthProbe: { check: unused }, artifacts: { describe: unused, open: unused, list: unused }, clock, log: silentLog, pollIntervalMs: 500 };

    const outcome = await executeStep(step, ctx, deps);

    expect(outcome.ok).toBe(ok);
    expect(outcome.ok ? outcome.detail : outcome.message).toMatch(says);
  });
});
