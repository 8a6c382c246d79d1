import { fixpackId, parsePatchId, type PatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { installedFixpack } from '../installed-fixpack.ts';
import { listIds as list } from '../list-ids.ts';
import { patchRevertibility } from '../patch-revertibility.ts';
import type { RuleOutcome } from '../verdict.ts';

/** LIFERAY.md §1-2: no non-revertible fix pack may lie between the installed level and the target. */
export const fixpackRange: EligibilityRule = {
  name: 'fixpack-range',
  appliesTo: (r) => r.kind === 'fixpack' && r.action === 'install',
  check: ({ request, facts, catalog, answers }): RuleOutcome[] => {
    if (request.kind !== 'fixpack') return [];
    const rule = fixpackRange.name;
    const target = parsePatchId(request.patch);
    if (target === undefined || target.kind !== 'fixpack') return [];
    const installed = installedFixpack(facts, target.build);
    if (!installed.known) {
      return [
        {
          rule,
          outcome: 'confirm',
          message: `the installed fix pack level of ${request.cluster} is unknown, so the fix packs between it and ${target.id} cannot be checked: declare "patches" in the facts or let the bot probe the nodes`,
          question: { topic: 'facts', text: `Which fix pack is installed on ${request.cluster}?`, subjects: ['patches'] },
        },
      ];
    }
    const from = installed.fixpack?.number ?? 0;
    if (target.number <= from) return [];
    const fromText = installed.fixpack === undefined ? 'no installed fix pack' : `installed ${installed.fixpack.id}`;
    const between: PatchId[] = [];
    for (let n = from + 1; n < target.number; n += 1) {
      const patch = parsePatchId(fixpackId(target.family, n, target.build));
      if (patch !== undefined) between.push(patch);
    }
    const blocked = between.filter((p) => patchRevertibility(p, catalog, answers).kind === 'non-revertible').map((p) => p.id);
    const suspect = between.filter((p) => patchRevertibility(p, catalog, answers).kind === 'suspect').map((p) => p.id);
    const outcomes: RuleOutcome[] = [];
    if (blocked.length > 0) {
      const one = blocked.length === 1;
      outcomes.push({
        rule,
        outcome: 'block',
        message: `${list(blocked)} ${one ? 'lies' : 'lie'} between ${fromText} and target ${target.id} and ${one ? 'is' : 'are'} non-revertible: all nodes must be down`,
      });
    }
    if (suspect.length > 0) {
      outcomes.push({
        rule,
        outcome: 'confirm',
        message: `${list(suspect)} ${suspect.length === 1 ? 'lies' : 'lie'} between ${fromText} and target ${target.id}; not in the catalog, but a number ending in zero often marks a non-revertible fix pack: confirm before a rolling restart`,
        question: { topic: 'revertible', text: `Are ${list(suspect)} revertible?`, subjects: suspect },
      });
    }
    if (outcomes.length === 0) {
      outcomes.push({
        rule,
        outcome: 'pass',
        message:
          between.length === 0
            ? `${target.id} directly follows ${fromText}: no fix pack lies between them`
            : `no non-revertible fix pack lies between ${fromText} and target ${target.id} (${between.length} checked)`,
      });
    }
    return outcomes;
  },
};
