import type { PlanStep } from '../domain/plan/rollout-step.ts';
import type { RolloutEvent, StepPurpose } from '../domain/rollout/rollout-event.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import { failed, type StepOutcome } from './step-outcome.ts';
import { executeStep } from './steps/execute-step.ts';
import { messageOf } from '../domain/message-of.ts';

export type Emit = (event: RolloutEvent) => Promise<void>;

/**
 * Runs one step on its node and says so: StepStarted, then StepSucceeded or StepFailed (node,
 * command, exit code, output tail). `judge` may turn a success into a failure (a preflight that
 * found the nodes other than the verdict assumed) before it is reported.
 */
export async function runStep(step: PlanStep, purpose: StepPurpose, ctx: NodeContext, deps: StepDeps, emit: Emit, judge?: (outcome: StepOutcome) => StepOutcome): Promise<StepOutcome> {
  const at = (): string => deps.clock.now().toISOString();
  const kind = step.action.kind;
  await emit({ type: 'StepStarted', at: at(), stepId: step.id, node: step.node, kind, purpose, title: step.title });
  const started = Date.now();
  let outcome: StepOutcome;
  try {
    outcome = await executeStep(step, ctx, deps);
  } catch (error) {
    outcome = failed(`${step.title}: ${messageOf(error)}`);
  }
  if (judge !== undefined) outcome = judge(outcome);
  const durationMs = Date.now() - started;
  if (outcome.ok) {
    await emit({ type: 'StepSucceeded', at: at(), stepId: step.id, node: step.node, kind, purpose, durationMs, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) });
  } else {
    await emit({
      type: 'StepFailed',
      at: at(),
      stepId: step.id,
      node: step.node,
      kind,
      purpose,
      durationMs,
      message: outcome.message,
      outputTail: outcome.outputTail,
      ...(outcome.command === undefined ? {} : { command: outcome.command }),
      ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    });
  }
  return outcome;
}
