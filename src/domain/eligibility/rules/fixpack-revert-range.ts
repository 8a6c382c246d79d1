import { fixpackId, parsePatchId, type PatchId } from '../../liferay/patch-id.ts';
import type { EligibilityRule } from '../eligibility-rule.ts';
import { levelBefore } from '../level-before.ts';
import { listIds } from '../list-ids.ts';
import { patchRevertibility } from '../patch-revertibility.ts';
import type { RuleOutcome } from '../verdict.ts';

/**
 * LIFERAY.md §2 "Going down": `fixpack revert X` goes back to the level just before X (never
 * silently to GA), and may not go below a non-revertible fix pack: X itself or one between that
 * level and X. Its database changes stay in the database, so no revert can undo it, rolling or with
 * the whole cluster down: that is an error (a database restore), not a full-shutdown offer.
 */
export const fixpackRevertRange: EligibilityRule = {
  name: 'fixpack-revert-range',
  appliesTo: (r) => r.kind === 'fixpack' && r.action === 'revert',
  check: ({ request, facts, catalog, answers, history }): RuleOutcome[] => {
    if (request.kind !== 'fixpack') return [];
    const rule = fixpackRevertRange.name;
    const target = parsePatchId(request.patch);
    if (target === undefined || target.kind !== 'fixpack') return [];
    const before = levelBefore(target, facts, history);
    const own = patchRevertibility(target, catalog, answers);
    const from = before.known ? (before.fixpack?.number ?? 0) : target.number - 1;
    const between: PatchId[] = [];
    for (let n = from + 1; n < target.number; n += 1) {
      const patch = parsePatchId(fixpackId(target.family, n, target.build));
      if (patch !== undefined) between.push(patch);
    }
    const crossed = [...between.filter((p) => patchRevertibility(p, catalog, answers).kind === 'non-revertible'), ...(own.kind === 'non-revertible' ? [target] : [])];
    const to = !before.known ? 'the level before it' : before.fixpack === undefined ? 'no fix pack at all (GA)' : before.fixpack.id;
    const lowest = crossed[0];
    if (lowest !== undefined) {
      const why = own.kind !== 'non-revertible' ? '' : crossed.length === 1 ? ` (${own.entry.reason})` : ` (${target.id}: ${own.entry.reason})`;
      return [
        {
          rule,
          outcome: 'error',
          message:
            `reverting ${target.id} goes back to ${to}, below non-revertible ${listIds(crossed.map((p) => p.id))}${why}: the database changes of a non-revertible fix pack stay in the database, ` +
            `so this tool cannot do it, neither node by node nor with the whole cluster down. Going below ${lowest.id} needs the database backup taken before ${lowest.id} was installed restored, with the nodes' patches set back to match`,
        },
      ];
    }
    if (!before.known) {
      const example = target.number > 1 ? fixpackId(target.family, target.number - 1, target.build) : null;
      return [
        {
          rule,
          outcome: 'confirm',
          message:
            `the fix pack level ${request.cluster} had before ${target.id} is unknown (${before.why}): a revert goes back to that level, never to GA by guess; ` +
            `declare it in the facts, e.g. "fixpackBefore": {"${target.id}": ${JSON.stringify(example)}} (null for no fix pack)`,
          question: { topic: 'facts', text: `Which fix pack was installed on ${request.cluster} before ${target.id}?`, subjects: ['fixpackBefore'] },
        },
      ];
    }
    const suspect = between.filter((p) => patchRevertibility(p, catalog, answers).kind === 'suspect').map((p) => p.id);
    if (suspect.length > 0) {
      return [
        {
          rule,
          outcome: 'confirm',
          message: `reverting ${target.id} goes back to ${to}, below ${listIds(suspect)}: not in the catalog, but a number ending in zero often marks a non-revertible fix pack, which no revert may go below: confirm before reverting`,
          question: { topic: 'revertible', text: `Are ${listIds(suspect)} revertible?`, subjects: suspect },
        },
      ];
    }
    const checked = between.length === 0 ? 'no fix pack lies between them' : `no non-revertible fix pack lies between them (${between.length} checked)`;
    return [
      {
        rule,
        outcome: 'pass',
        message:
          before.fixpack === undefined
            ? `reverting ${target.id} goes back to no fix pack at all (GA), the level before it (${before.source}): the nodes keep no fix pack; ${checked}`
            : `reverting ${target.id} goes back to ${before.fixpack.id}, the level before it (${before.source}): its zip is put back into patches/ and installed; ${checked}`,
      },
    ];
  },
};
