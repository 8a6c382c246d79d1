import { stagedSha256Command, uploadToStagingCommand } from '../../domain/plan/node-commands.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';

const shaOf = (output: string): string => output.trim().split(/\s+/)[0] ?? '';

/** Uploads each artifact into the node's staging folder (skipped when already there with the right sha256) and checks its sha256 there. */
export async function stageArtifacts(ctx: NodeContext, deps: StepDeps, files: readonly { file: string; sha256: string }[]): Promise<StepOutcome> {
  const done: string[] = [];
  for (const { file, sha256 } of files) {
    const existing = await runChecked(ctx, stagedSha256Command(ctx.paths, file), { timeoutMs: 300_000, idempotent: true }, `checking staged ${file}`);
    if (!existing.ok) return existing.outcome;
    if (shaOf(existing.result.stdout) === sha256) {
      done.push(`${file} (already staged)`);
      continue;
    }
    // Streamed from disk: a fix pack of 1-2 GB is never held in memory (a retry re-opens the file).
    const uploaded = await runChecked(
      ctx,
      uploadToStagingCommand(ctx.paths, file),
      { timeoutMs: 1_800_000, stdin: () => deps.artifacts.open(file), idempotent: true },
      `uploading ${file}`,
    );
    if (!uploaded.ok) return uploaded.outcome;
    const seen = shaOf(uploaded.result.stdout);
    if (seen !== sha256) {
      return failed(`${file} arrived on ${ctx.spec.name} with sha256 ${seen.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…`, uploaded.result.stdout, { command: uploadToStagingCommand(ctx.paths, file).text });
    }
    done.push(`${file} (sha256 ${sha256.slice(0, 12)}… checked)`);
  }
  return succeeded(done.join(', '));
}
