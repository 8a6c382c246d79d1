import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import { currentSettings } from '../../domain/liferay/current-settings.ts';
import type { ChangeAction } from '../../domain/plan/change-action.ts';
import type { ChangeNeed } from '../../domain/plan/change-need.ts';
import { needFromFacts } from '../../domain/plan/need-from-facts.ts';
import { placedFileCommand } from '../../domain/plan/placed-file-command.ts';
import { placedFileNeed } from '../../domain/plan/placed-file-need.ts';
import type { PlanArtifact } from '../../domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { fileHasChange } from './verify-change.ts';

/**
 * Does this (connected, running) node still need the change? Read-only. Patches and Java from the
 * node's probed facts; text-file edits by reading the file and applying the edit in memory (the
 * post-check's test); placed files by comparing their sha256 with the artifact's. When it cannot be
 * told, `unknown`: the node is then changed like the others.
 */
export async function checkChangeNeed(
  ctx: NodeContext,
  request: MaintenanceRequest,
  change: ChangeAction | undefined,
  facts: ClusterFacts,
  artifacts: readonly PlanArtifact[],
): Promise<ChangeNeed> {
  const fromFacts = needFromFacts(request, facts);
  if (fromFacts !== undefined) return fromFacts;
  if (change === undefined) return { kind: 'unknown', detail: 'the change cannot be checked on the node' };
  if (change.type === 'place-file') {
    const read = await runChecked(ctx, placedFileCommand(ctx.paths, change), { timeoutMs: 300_000, idempotent: true }, `checking ${change.dir}/${change.file}`);
    if (!read.ok) return { kind: 'unknown', detail: read.outcome.ok ? `checking ${change.file} failed` : read.outcome.message };
    return placedFileNeed(read.result.stdout, change.file, change.dir, artifacts.find((a) => a.file === change.file)?.sha256);
  }
  const checked = await fileHasChange(ctx, change);
  if (checked === undefined) return { kind: 'unknown', detail: `there is no check for ${change.type}` };
  if (!checked.ok) return { kind: 'unknown', detail: checked.error.ok ? 'its file could not be read' : checked.error.message };
  const file = checked.value.path.startsWith(`${ctx.paths.home}/`) ? checked.value.path.slice(ctx.paths.home.length + 1) : checked.value.path;
  // Property and config requests: the values the file has now, read in the same look, for the verdict's diff.
  const current = currentSettings(request, checked.value.text);
  const read = current === undefined ? {} : { current };
  return checked.value.has ? { kind: 'done', detail: `its ${file} already has the change`, ...read } : { kind: 'needed', detail: `its ${file} does not have the change`, ...read };
}
