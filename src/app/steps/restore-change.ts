import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { touchedPaths } from '../../domain/plan/change-action-for.ts';
import { reinstallPatchesCommand, restoreCommand } from '../../domain/plan/node-commands.ts';
import type { ShellCommand } from '../../domain/shell/shell-command.ts';
import type { NodeContext } from '../node-context.ts';
import { runWrapped } from '../run-checked.ts';
import { succeeded, type StepOutcome } from '../step-outcome.ts';

/**
 * The way back on a stopped node, for every change kind: the files the change touches as the
 * rollout's backup holds them (taken before the change), then Patching Tool's state rebuilt from the
 * restored patches/ folder. Nothing to do when no complete backup was taken (nothing was changed).
 */
export async function restoreChange(ctx: NodeContext, change: ChangeAction, track: (command: ShellCommand) => ShellCommand = (c) => c): Promise<StepOutcome> {
  const files = await runWrapped(ctx, track, restoreCommand(ctx.paths, touchedPaths(change)), { timeoutMs: 600_000, idempotent: true }, 'restoring files');
  if (!files.ok) return files.outcome;
  const said = files.result.stdout.trim();
  if (said.startsWith('no complete backup')) return succeeded(said);
  if (change.type === 'patch-install' || change.type === 'patch-revert') {
    const patches = await runWrapped(ctx, track, reinstallPatchesCommand(ctx.paths, change.clearWork), { timeoutMs: 1_800_000, idempotent: true }, 'Patching Tool (restore)');
    if (!patches.ok) return patches.outcome;
  }
  return succeeded(said);
}
