import { assertNever } from '../../domain/assert-never.ts';
import { setOsgiConfigValues } from '../../domain/liferay/edit-osgi-config.ts';
import { setPortalProperties, unsetPortalProperties } from '../../domain/liferay/edit-portal-properties.ts';
import { editJvmOptions, setJavaHome } from '../../domain/liferay/edit-setenv.ts';
import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { applyCommand, javaExistsCommand, readFileCommand, writeFileCommand } from '../../domain/plan/node-commands.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { ShellCommand } from '../../domain/shell/shell-command.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked, runWrapped } from '../run-checked.ts';
import { failed, succeeded, tailOf, type StepOutcome } from '../step-outcome.ts';

/** The text file a change edits, and the edit (pure, idempotent). */
export function fileEdit(ctx: NodeContext, change: ChangeAction): { path: string; edit: (text: string) => Result<string, string> } | undefined {
  const home = ctx.paths.home;
  switch (change.type) {
    case 'set-properties':
      return { path: `${home}/portal-ext.properties`, edit: (t) => ok(setPortalProperties(t, change.settings)) };
    case 'unset-properties':
      return { path: `${home}/portal-ext.properties`, edit: (t) => ok(unsetPortalProperties(t, change.keys)) };
    case 'set-osgi-config':
      return { path: `${home}/osgi/configs/${change.pid}.config`, edit: (t) => ok(setOsgiConfigValues(t, change.settings)) };
    case 'jvm-options':
      return { path: `${home}/${change.setenv}`, edit: (t) => editJvmOptions(t, change.action, change.options) };
    case 'java-home':
      return { path: `${home}/${change.setenv}`, edit: (t) => ok(setJavaHome(t, change.javaHome)) };
    case 'patch-install':
    case 'patch-revert':
    case 'place-file':
      return undefined;
  }
  return assertNever(change, 'change action');
}

/** Reads a remote text file through the session (empty when absent). */
export async function readRemote(ctx: NodeContext, path: string): Promise<Result<string, StepOutcome>> {
  const read = await runChecked(ctx, readFileCommand(path), { timeoutMs: 60_000, idempotent: true }, `reading ${path}`);
  return read.ok ? ok(read.result.stdout) : err(read.outcome);
}

/** Applies the change to a stopped node: Patching Tool and file placement by command, text files by read-edit-write. */
export async function applyChange(ctx: NodeContext, change: ChangeAction, track: (command: ShellCommand) => ShellCommand = (c) => c): Promise<StepOutcome> {
  const command = applyCommand(ctx.paths, change);
  if (command !== undefined) {
    const applied = await runWrapped(ctx, track, command, { timeoutMs: 1_800_000, idempotent: true }, change.type === 'place-file' ? `placing ${change.file}` : 'Patching Tool');
    if (!applied.ok) return applied.outcome;
    const output = `${applied.result.stdout}\n${applied.result.stderr}`;
    if (change.type === 'patch-install' && /database index modification/i.test(output)) {
      return succeeded(`installed ${change.patch}; Patching Tool reports database index modifications (indexes are updated at the next start)`);
    }
    if (change.type === 'patch-install' || change.type === 'patch-revert') {
      return succeeded(`${change.type === 'patch-install' ? 'installed' : 'reverted'} ${change.patch}: ${tailOf(output, 1)}`);
    }
    return succeeded(tailOf(output, 3));
  }
  if (change.type === 'java-home') {
    const jdk = await runChecked(ctx, javaExistsCommand(change.javaHome), { timeoutMs: 60_000, idempotent: true }, `checking the JDK in ${change.javaHome}`);
    if (!jdk.ok) return failed(`no usable JDK at ${change.javaHome} on ${ctx.spec.name}`, jdk.outcome.ok ? '' : jdk.outcome.outputTail, { command: javaExistsCommand(change.javaHome).text });
  }
  const edit = fileEdit(ctx, change);
  if (edit === undefined) return failed(`no way to apply ${change.type}`);
  const current = await readRemote(ctx, edit.path);
  if (!current.ok) return current.error;
  const next = edit.edit(current.value);
  if (!next.ok) return failed(`${ctx.spec.name}: ${next.error}`);
  if (next.value === current.value) return succeeded(`${edit.path} already has the change`);
  const written = await runChecked(ctx, writeFileCommand(edit.path), { timeoutMs: 60_000, stdin: next.value, idempotent: true }, `writing ${edit.path}`);
  if (!written.ok) return written.outcome;
  return succeeded(`edited ${edit.path}`);
}
