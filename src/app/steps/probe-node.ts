import { parseJavaVersion } from '../../domain/liferay/java-version.ts';
import { parsePatchingToolInfo } from '../../domain/liferay/patching-tool-info.ts';
import { probeCommand } from '../../domain/plan/node-commands.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { type StepOutcome } from '../step-outcome.ts';

/** Reads the node's installed patches (patching-tool info) and Java version. */
export async function probeNode(ctx: NodeContext): Promise<StepOutcome> {
  const probed = await runChecked(ctx, probeCommand(ctx.paths), { timeoutMs: 120_000, idempotent: true }, 'probing patches and Java');
  if (!probed.ok) return probed.outcome;
  const [patchPart = '', javaPart = ''] = probed.result.stdout.split('--- java');
  const info = parsePatchingToolInfo(patchPart);
  const java = /version "([^"]+)"/.exec(javaPart)?.[1];
  const facts: ClusterFacts = {
    ...(info === undefined ? {} : { patches: [...info.installed] }),
    ...(java === undefined || parseJavaVersion(java) === undefined ? {} : { java }),
  };
  const detail = `patches: ${info === undefined ? 'no patching tool' : info.installed.join(', ') || 'none'}; Java: ${java ?? 'not found'}`;
  return { ok: true, detail, facts };
}
