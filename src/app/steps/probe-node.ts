import { parseNodeProbe } from '../../domain/liferay/node-probe.ts';
import { probeCommand } from '../../domain/plan/node-commands.ts';
import type { NodeContext } from '../node-context.ts';
import { runChecked } from '../run-checked.ts';
import { type StepOutcome } from '../step-outcome.ts';

/**
 * Reads what the rules use from the node in one command (`probeCommand`): installed patches and
 * the product build, Java, the modules of osgi/modules (their manifests only), Commerce, and the
 * digests of portal-ext.properties and osgi/configs, the installed release (`.liferay-version`).
 */
export async function probeNode(ctx: NodeContext): Promise<StepOutcome> {
  const probed = await runChecked(ctx, probeCommand(ctx.paths), { timeoutMs: 120_000, idempotent: true }, 'probing patches and Java');
  if (!probed.ok) return probed.outcome;
  const { facts, patches, java, release, unread } = parseNodeProbe(probed.result.stdout);
  const detail = `patches: ${patches === undefined ? 'no patching tool' : patches.join(', ') || 'none'}; Java: ${java ?? 'not found'}${release === undefined ? '' : `; release: ${release}`}${unread.length === 0 ? '' : `; could not read ${unread.join(', ')}`}`;
  return { ok: true, detail, facts };
}
