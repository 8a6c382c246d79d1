import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { ManualClock } from '../../../test/fakes/manual-clock.ts';
import { exitWith, RecordingNodeExecutor, type RecordedRun } from '../../../test/fakes/recording-node-executor.ts';
import { CodedError } from '../../domain/coded-error.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { CommandResult } from '../ports.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { stopNode } from './stop-node.ts';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const STOP = 'STOP';
const FORCE = 'FORCE';

/** How the simulated node answers the stop command and the force command. */
interface Behaviour {
  readonly runningAtStart: boolean;
  /** `stops`: the JVM exits; `ignored`: exits 0, JVM keeps running; `fails`: exit 1, JVM keeps running; `hangs`: never returns. */
  readonly stop: 'stops' | 'ignored' | 'fails' | 'hangs';
  readonly forceKills: boolean;
}

async function scenario(behaviour: Behaviour, timeoutSeconds: number) {
  const clock = new ManualClock();
  const t0 = clock.now().getTime();
  let running = behaviour.runningAtStart;
  const at: { command: string; ms: number; timeoutMs: number }[] = [];
  const answer = (run: RecordedRun): CommandResult => {
    at.push({ command: run.command, ms: clock.now().getTime() - t0, timeoutMs: run.options.timeoutMs });
    if (run.command.startsWith('pgrep')) return exitWith(running ? 0 : 1);
    if (run.command === STOP) {
      switch (behaviour.stop) {
        case 'stops':
          running = false;
          return exitWith(0);
        case 'ignored':
          return exitWith(0);
        case 'fails':
          return exitWith(1, '', 'Connection refused');
        case 'hangs':
          clock.advance(run.options.timeoutMs);
          throw new CodedError('step_timeout', `node1: command did not finish within ${run.options.timeoutMs} ms`);
      }
    }
    if (run.command === FORCE) {
      if (behaviour.forceKills) running = false;
      return exitWith(0);
    }
    return exitWith(127);
  };
  const executor = new RecordingNodeExecutor(answer);
  const spec = aCluster().withNodes(1).build().nodes[0];
  if (spec === undefined) throw new Error('no node');
  const target = { name: 'node1', host: '10.0.0.11', port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 };
  const ctx: NodeContext = {
    spec,
    target,
    paths: nodePaths(spec.liferayHome, 'tomcat-9.0.83', 'r1'),
    session: await executor.connect(target),
    catalinaOffset: undefined,
    liferayLog: undefined,
  };
  const deps: StepDeps = { executor, healthProbe: { check: () => Promise.resolve({ ok: true, status: 200 }) }, artifacts: { describe: () => Promise.reject(new Error('unused')), open: () => { throw new Error('unused'); }, list: () => Promise.reject(new Error('unused')) }, clock, log: silentLog, pollIntervalMs: 500 };
  const outcome = await stopNode(ctx, deps, STOP, FORCE, timeoutSeconds);
  return { outcome, at, stopRun: at.find((r) => r.command === STOP), forceRun: at.find((r) => r.command === FORCE) };
}

describe('stopNode', () => {
  it.each([
    { name: 'already stopped', behaviour: { runningAtStart: false, stop: 'stops', forceKills: true }, detail: 'node1 was not running', forced: false },
    { name: 'graceful stop', behaviour: { runningAtStart: true, stop: 'stops', forceKills: true }, detail: 'node1 stopped', forced: false },
    { name: 'SIGTERM ignored', behaviour: { runningAtStart: true, stop: 'ignored', forceKills: true }, detail: 'node1 did not stop within 5 s: force-killed', forced: true },
    { name: 'stop command fails', behaviour: { runningAtStart: true, stop: 'fails', forceKills: true }, detail: 'node1 did not stop within 5 s: force-killed', forced: true },
    { name: 'stop command hangs', behaviour: { runningAtStart: true, stop: 'hangs', forceKills: true }, detail: 'node1 did not stop within 5 s: force-killed', forced: true },
  ] as const)('$name', async ({ behaviour, detail, forced }) => {
    const { outcome, stopRun, forceRun } = await scenario(behaviour, 5);
    expect(outcome).toEqual({ ok: true, detail });
    expect(forceRun !== undefined).toBe(forced);
    // The stop command is given at most the stop time-out; the force command runs at that deadline, not later.
    if (stopRun !== undefined) expect(stopRun.timeoutMs).toBeLessThanOrEqual(5000);
    if (forceRun !== undefined) expect(forceRun.ms).toBe(5000);
  });

  it('fails, naming the force command, when the JVM survives it', async () => {
    const { outcome, at } = await scenario({ runningAtStart: true, stop: 'hangs', forceKills: false }, 5);
    expect(outcome).toMatchObject({ ok: false, message: 'node1 is still running 30 s after the force-stop command', command: FORCE });
    expect(at.at(-1)?.ms).toBe(5000 + 30_000);
  });
});
