import type { RolloutPlan } from '../../src/domain/plan/rollout-plan.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { replay, type RolloutState } from '../../src/domain/rollout/rollout-state.ts';

export interface RunOptions {
  /** Stop after this many steps have started (the run is still going). */
  readonly stopAfterSteps?: number;
  /** The id of a step that fails. */
  readonly failAt?: string;
  readonly outputTail?: string;
  readonly command?: string;
  readonly exitCode?: number;
  /** After a failure, restore the failed node (ok or not). */
  readonly restore?: 'ok' | 'failed';
  /** End with RolloutInterrupted instead of RolloutDone. */
  readonly interrupted?: boolean;
  readonly start?: string;
  readonly stepMs?: number;
}

/** The events a run of `plan` would record, step by step, one `stepMs` apart. */
export function rolloutEvents(plan: RolloutPlan, options: RunOptions = {}): RolloutEvent[] {
  const stepMs = options.stepMs ?? 10_000;
  let clock = Date.parse(options.start ?? '2025-01-06T10:40:00.000Z');
  const startedAt = clock;
  const at = (): string => new Date(clock).toISOString();
  const tick = (): string => {
    clock += stepMs;
    return at();
  };
  const events: RolloutEvent[] = [{ type: 'RolloutStarted', at: at(), planHash: plan.hash, nodes: plan.nodes }];
  const nodeStart = new Map<string, number>();
  const lastNodeStep = new Map(plan.steps.filter((s) => s.phase === 'node').map((s) => [s.node, s.id]));
  let started = 0;
  for (const step of plan.steps) {
    if (options.stopAfterSteps !== undefined && started >= options.stopAfterSteps) return events;
    if (step.phase === 'node' && !nodeStart.has(step.node)) nodeStart.set(step.node, clock);
    events.push({ type: 'StepStarted', at: tick(), stepId: step.id, node: step.node, kind: step.action.kind, purpose: 'rollout', title: step.title });
    started += 1;
    if (step.id === options.failAt) {
      events.push({
        type: 'StepFailed',
        at: tick(),
        stepId: step.id,
        node: step.node,
        kind: step.action.kind,
        purpose: 'rollout',
        durationMs: stepMs,
        message: `${step.title} failed`,
        ...(options.command === undefined ? {} : { command: options.command }),
        ...(options.exitCode === undefined ? {} : { exitCode: options.exitCode }),
        outputTail: options.outputTail ?? 'line 1\nline 2',
      });
      if (options.restore !== undefined) {
        events.push({ type: 'RestoreStarted', at: tick(), node: step.node });
        events.push({
          type: 'RestoreFinished',
          at: tick(),
          node: step.node,
          ok: options.restore === 'ok',
          message: options.restore === 'ok' ? 'backup restored, node healthy' : 'backup missing',
        });
      }
      events.push(
        options.interrupted === true
          ? { type: 'RolloutInterrupted', at: tick(), summary: ['the bot restarted'] }
          : { type: 'RolloutDone', at: tick(), outcome: 'failed', durationMs: clock - startedAt, summary: [`failed on ${step.node}`] },
      );
      return events;
    }
    events.push({ type: 'StepSucceeded', at: tick(), stepId: step.id, node: step.node, kind: step.action.kind, purpose: 'rollout', durationMs: stepMs });
    if (plan.strategy === 'rolling' && lastNodeStep.get(step.node) === step.id) {
      events.push({ type: 'NodeDone', at: at(), node: step.node, durationMs: clock - (nodeStart.get(step.node) ?? clock) });
    }
  }
  if (plan.strategy === 'full-shutdown') {
    for (const node of plan.nodes) events.push({ type: 'NodeDone', at: at(), node, durationMs: clock - (nodeStart.get(node) ?? clock) });
  }
  events.push({ type: 'RolloutDone', at: tick(), outcome: 'succeeded', durationMs: clock - startedAt, summary: [`${plan.nodes.length} nodes updated`] });
  return events;
}

/** The state after those events. */
export const rolloutState = (plan: RolloutPlan, options: RunOptions = {}): RolloutState => replay(plan.nodes, rolloutEvents(plan, options));
