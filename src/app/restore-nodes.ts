import { restoreCommand, reinstallPatchesCommand } from '../domain/plan/node-commands.ts';
import type { ChangeAction } from '../domain/plan/change-action.ts';
import { touchedPaths } from '../domain/plan/change-action-for.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import type { PlanStep, StepAction } from '../domain/plan/rollout-step.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import { runChecked } from './run-checked.ts';
import { executeStep } from './steps/execute-step.ts';
import { succeeded, type StepOutcome } from './step-outcome.ts';

export interface RestoreInput {
  readonly cluster: ClusterSpec;
  readonly change: ChangeAction;
  /** Nodes to put back, in plan order. */
  readonly nodes: readonly NodeContext[];
  /** Nodes of the cluster that are up (not being restored). */
  readonly upCount: number;
  readonly emit: (event: RolloutEvent) => Promise<void>;
  readonly now: () => string;
}

/**
 * Puts nodes back as they were before the change: make sure each is stopped, restore the backed-up
 * files (and Patching Tool's state), then start them one at a time with the same health gates as
 * the rollout. Returns true when every node came back healthy.
 */
export async function restoreNodes(input: RestoreInput, deps: StepDeps): Promise<boolean> {
  const { cluster, change, emit, now } = input;
  const health = cluster.health;
  let allOk = true;
  const run = async (ctx: NodeContext, kind: StepAction['kind'], title: string, body: () => Promise<StepOutcome>): Promise<boolean> => {
    const stepId = `${ctx.spec.name}/${kind}#restore`;
    const started = Date.now();
    await emit({ type: 'StepStarted', at: now(), stepId, node: ctx.spec.name, title });
    const outcome = await body();
    const durationMs = Date.now() - started;
    if (outcome.ok) {
      await emit({ type: 'StepSucceeded', at: now(), stepId, node: ctx.spec.name, durationMs, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) });
      return true;
    }
    await emit({
      type: 'StepFailed',
      at: now(),
      stepId,
      node: ctx.spec.name,
      durationMs,
      message: outcome.message,
      outputTail: outcome.outputTail,
      ...(outcome.command === undefined ? {} : { command: outcome.command }),
      ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    });
    return false;
  };
  const asStep = (ctx: NodeContext, action: StepAction, title: string): PlanStep => ({ id: `${ctx.spec.name}/${action.kind}#restore`, node: ctx.spec.name, phase: 'node', action, title });

  const restored: NodeContext[] = [];
  for (const ctx of input.nodes) {
    await emit({ type: 'RestoreStarted', at: now(), node: ctx.spec.name });
    const ok =
      (await run(ctx, 'stop', `make sure ${ctx.spec.name} is stopped`, () =>
        executeStep(asStep(ctx, { kind: 'stop', command: ctx.spec.commands.stop, forceCommand: ctx.spec.commands.forceStop, timeoutSeconds: health.stopTimeoutSeconds }, ''), ctx, deps),
      )) &&
      (await run(ctx, 'backup', `restore ${touchedPaths(change).join(', ')} on ${ctx.spec.name} from its backup`, async () => {
        const files = await runChecked(ctx, restoreCommand(ctx.paths, touchedPaths(change)), { timeoutMs: 600_000, idempotent: true }, 'restoring files');
        if (!files.ok) return files.outcome;
        if (change.type === 'patch-install' || change.type === 'patch-revert') {
          const patches = await runChecked(ctx, reinstallPatchesCommand(ctx.paths, change.clearWork), { timeoutMs: 1_800_000, idempotent: true }, 'Patching Tool (restore)');
          if (!patches.ok) return patches.outcome;
        }
        return succeeded(files.result.stdout.trim());
      }));
    if (ok) restored.push(ctx);
    else {
      allOk = false;
      await emit({ type: 'RestoreFinished', at: now(), node: ctx.spec.name, ok: false, message: `${ctx.spec.name} could not be restored: it is stopped; see the failed step` });
    }
  }
  let up = input.upCount;
  for (const ctx of restored) {
    const members = Math.min(health.expectClusterMembers, up + 1);
    const steps: [StepAction, string][] = [
      [{ kind: 'start', command: ctx.spec.commands.start }, `start ${ctx.spec.name}`],
      [{ kind: 'wait-started', logLine: health.startupLogLine, timeoutSeconds: health.startTimeoutSeconds }, `wait for "${health.startupLogLine}"`],
      [{ kind: 'wait-healthy', url: ctx.spec.healthUrl, timeoutSeconds: health.healthTimeoutSeconds }, `wait for HTTP 200 from ${ctx.spec.healthUrl}`],
      [{ kind: 'wait-cluster', members, timeoutSeconds: health.clusterTimeoutSeconds }, `wait until ${ctx.spec.name} sees a cluster of ${members}`],
      ...(ctx.spec.commands.enable === undefined ? [] : [[{ kind: 'enable', command: ctx.spec.commands.enable }, `put ${ctx.spec.name} back into the load balancer`] as [StepAction, string]]),
    ];
    let ok = true;
    for (const [action, title] of steps) {
      ok = await run(ctx, action.kind, title, () => executeStep(asStep(ctx, action, title), ctx, deps));
      if (!ok) break;
    }
    if (ok) up += 1;
    allOk &&= ok;
    await emit({
      type: 'RestoreFinished',
      at: now(),
      node: ctx.spec.name,
      ok,
      message: ok ? `${ctx.spec.name} restored from its backup and healthy` : `${ctx.spec.name} was restored from its backup but did not come back healthy`,
    });
  }
  return allOk;
}
