import { installedFixpack } from '../../domain/eligibility/installed-fixpack.ts';
import { parsePatchId } from '../../domain/liferay/patch-id.ts';
import { parsePatchingToolInfo } from '../../domain/liferay/patching-tool-info.ts';
import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { sh } from '../../domain/shell/shell-command.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { fileEdit, readRemote } from './apply-change.ts';

/** A fix pack revert: the level it must land on (the previous fix pack, or none for GA) and the highest one shown. */
function fixpackLevelAfterRevert(change: Extract<ChangeAction, { type: 'patch-revert' }>, installed: readonly string[]): { expected: string | undefined; shown: string | undefined } | undefined {
  const reverted = parsePatchId(change.patch);
  if (reverted === undefined || reverted.kind !== 'fixpack') return undefined;
  const shown = installedFixpack({ patches: [...installed] }, reverted.build);
  return { expected: change.restore?.patch, shown: shown.known ? shown.fixpack?.id : undefined };
}

/** After the last node: does this node report the new state? A fix pack revert: the level before, not the reverted one. */
export async function verifyChange(ctx: NodeContext, change: ChangeAction): Promise<StepOutcome> {
  const p = ctx.paths;
  if (change.type === 'patch-install' || change.type === 'patch-revert') {
    const info = await runChecked(ctx, sh`cd ${p.patchingTool} && ./patching-tool.sh info`, { timeoutMs: 120_000, idempotent: true }, 'patching-tool info');
    if (!info.ok) return info.outcome;
    const parsed = parsePatchingToolInfo(info.result.stdout);
    if (parsed === undefined) return failed(`could not read patching-tool info on ${ctx.spec.name}`, info.result.stdout);
    const installed = parsed.installed.join(', ') || 'none';
    const has = parsed.installed.includes(change.patch);
    const want = change.type === 'patch-install';
    if (has !== want) return failed(`${ctx.spec.name} ${want ? 'does not show' : 'still shows'} ${change.patch} in patching-tool info (installed: ${installed})`, info.result.stdout);
    const level = change.type === 'patch-revert' ? fixpackLevelAfterRevert(change, parsed.installed) : undefined;
    if (level !== undefined && level.shown !== level.expected) {
      return failed(`${ctx.spec.name} shows fix pack ${level.shown ?? 'none'} after reverting ${change.patch}, not ${level.expected ?? 'none (GA)'} (installed: ${installed})`, info.result.stdout);
    }
    return succeeded(`patching-tool info: ${parsed.installed.join(', ') || 'nothing installed'}`);
  }
  if (change.type === 'place-file') {
    const staged = `${p.staging}/${change.file}`;
    const placed = `${p.home}/${change.dir}/${change.file}`;
    const deployedWar = `${p.home}/osgi/war/${change.file}`;
    const check = await runChecked(
      ctx,
      sh`if [ -f ${placed} ]; then cmp -s ${staged} ${placed} && echo placed; elif [ -f ${deployedWar} ]; then echo deployed; else echo missing; exit 1; fi`,
      { timeoutMs: 120_000, idempotent: true },
      `checking ${change.file}`,
    );
    if (!check.ok) return failed(`${change.file} is not in ${change.dir} on ${ctx.spec.name}`, check.outcome.ok ? '' : check.outcome.outputTail);
    return succeeded(`${change.dir}/${change.file} ${check.result.stdout.trim()}`);
  }
  const checked = await fileHasChange(ctx, change);
  if (checked === undefined) return failed(`no check for ${change.type}`);
  if (!checked.ok) return checked.error;
  const { path, has, text } = checked.value;
  if (has) return succeeded(`${path} has the change`);
  return failed(`${path} on ${ctx.spec.name} does not have the change`, text.split('\n').slice(-10).join('\n'));
}

/**
 * For a change that edits a text file: does the node's file already read as the change would leave
 * it (the edit would change nothing)? Undefined for changes that edit no file; an error when the
 * file cannot be read.
 */
export async function fileHasChange(ctx: NodeContext, change: ChangeAction): Promise<Result<{ readonly path: string; readonly has: boolean; readonly text: string }, StepOutcome> | undefined> {
  const edit = fileEdit(ctx, change);
  if (edit === undefined) return undefined;
  const text = await readRemote(ctx, edit.path);
  if (!text.ok) return err(text.error);
  const again = edit.edit(text.value);
  return ok({ path: edit.path, has: again.ok && again.value === text.value, text: text.value });
}
