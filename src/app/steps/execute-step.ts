import { assertNever } from '../../domain/assert-never.ts';
import { backupCommand, homeExistsCommand } from '../../domain/plan/node-commands.ts';
import type { PlanStep } from '../../domain/plan/rollout-step.ts';
import { rawShell } from '../../domain/shell/shell-command.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { runChecked, runWrapped } from '../run-checked.ts';
import { failed, succeeded, tailOf, type StepOutcome } from '../step-outcome.ts';
import { applyChange } from './apply-change.ts';
import { restoreChange } from './restore-change.ts';
import { trackedCommand } from '../../domain/plan/tracked-command.ts';
import { checkHealthy, waitHealthy } from './check-healthy.ts';
import { probeNode } from './probe-node.ts';
import { stageArtifacts } from './stage-artifacts.ts';
import { startNode } from './start-node.ts';
import { stopNode } from './stop-node.ts';
import { verifyChange } from './verify-change.ts';
import { waitCluster } from './wait-cluster.ts';
import { waitStarted } from './wait-started.ts';
import { messageOf } from '../../domain/message-of.ts';

/** Opens the node's SSH session if needed; a refused host key or unreachable node is a failed step. */
export async function ensureSession(ctx: NodeContext, deps: Pick<StepDeps, 'executor'>): Promise<StepOutcome> {
  if (ctx.session !== undefined) return succeeded();
  try {
    ctx.session = await deps.executor.connect(ctx.target);
    return succeeded(`connected to ${ctx.target.host}:${ctx.target.port}, host key ${ctx.target.hostKeySha256} matches the pin`);
  } catch (error) {
    return failed(`cannot connect to ${ctx.spec.name}: ${messageOf(error)}`);
  }
}

/** Runs one plan step on its node. */
export async function executeStep(step: PlanStep, ctx: NodeContext, deps: StepDeps): Promise<StepOutcome> {
  const connected = await ensureSession(ctx, deps);
  if (!connected.ok) return connected;
  const action = step.action;
  switch (action.kind) {
    case 'connect': {
      const home = await runChecked(ctx, homeExistsCommand(ctx.paths), { timeoutMs: 30_000, idempotent: true }, `checking ${ctx.paths.home}`);
      if (!home.ok) return failed(`${ctx.paths.home} or ${ctx.paths.tomcat} does not exist on ${ctx.spec.name}`, home.outcome.ok ? '' : home.outcome.outputTail);
      return succeeded(`connected to ${ctx.target.host}:${ctx.target.port} (host key matches the pin); ${ctx.paths.home} present`);
    }
    case 'check-healthy':
      return checkHealthy(ctx, deps, action.url);
    case 'probe':
      return probeNode(ctx);
    case 'stage':
      return stageArtifacts(ctx, deps, action.files);
    case 'drain':
    case 'enable': {
      const hook = await runChecked(ctx, rawShell(action.command), { timeoutMs: 300_000 }, `the ${action.kind} hook`);
      return hook.ok ? succeeded(tailOf(hook.result.stdout, 2) || `${action.kind} hook done`) : hook.outcome;
    }
    case 'stop':
      return stopNode(ctx, deps, action.command, action.forceCommand, action.timeoutSeconds);
    case 'backup': {
      const backup = await runWrapped(ctx, (c) => trackedCommand(ctx.paths, step.id, c), backupCommand(ctx.paths, action.paths), { timeoutMs: 600_000, idempotent: true }, 'backup');
      return backup.ok ? succeeded(`${tailOf(backup.result.stdout, 1)} -> ${ctx.paths.backup}`) : backup.outcome;
    }
    case 'apply':
      return applyChange(ctx, action.change, (command) => trackedCommand(ctx.paths, step.id, command));
    case 'restore':
      return restoreChange(ctx, action.change, (command) => trackedCommand(ctx.paths, step.id, command));
    case 'start':
      return startNode(ctx, action.command);
    case 'wait-started':
      return waitStarted(ctx, action.logLine, action.timeoutSeconds);
    case 'wait-healthy':
      return waitHealthy(ctx, deps, action.url, action.timeoutSeconds);
    case 'wait-cluster':
      return waitCluster(ctx, deps, action);
    case 'verify': {
      const healthy = await checkHealthy(ctx, deps, ctx.spec.healthUrl);
      if (!healthy.ok) return healthy;
      return verifyChange(ctx, action.change);
    }
  }
  return assertNever(action, 'step action');
}
