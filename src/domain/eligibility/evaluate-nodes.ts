import { groupNodesByFacts } from '../liferay/group-nodes-by-facts.ts';
import type { PatchCatalog } from '../liferay/patch-catalog.ts';
import { differenceText, nodeFactDifferences } from '../liferay/node-fact-differences.ts';
import type { NodeFacts } from '../liferay/node-facts.ts';
import type { NodesNeeding } from '../plan/nodes-needing.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { alreadyDoneVerdict } from './already-done-verdict.ts';
import { combineVerdicts } from './combine-verdicts.ts';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import type { Reason, Verdict } from './verdict.ts';

/**
 * The verdict for a cluster whose nodes may differ: evaluated once per distinct starting facts
 * among the nodes that need the change, then combined (`combineVerdicts`). How the nodes differ,
 * (patches, Java, build, Commerce, modules, portal-ext.properties and osgi/configs digests), and
 * which planned nodes could not be checked, are added as notes. No node needing the change is
 * the one-line `already-done` outcome. Pure, like `evaluate`.
 */
export function evaluateNodes(request: MaintenanceRequest, nodeFacts: NodeFacts, selection: NodesNeeding, catalog: PatchCatalog, options: EvaluateOptions = {}): Verdict {
  if (selection.needing.length === 0) {
    return selection.skipped.length > 0 ? alreadyDoneVerdict(request, selection.skipped) : evaluate(request, {}, catalog, options);
  }
  const groups = groupNodesByFacts(nodeFacts, selection.needing).map((g) => ({ nodes: g.nodes, verdict: evaluate(request, g.facts, catalog, options) }));
  const verdict = combineVerdicts(groups);
  if (verdict.type === 'error') return verdict;
  const unsure = new Map<string, string[]>();
  for (const { node, reason } of selection.unsure) unsure.set(reason, [...(unsure.get(reason) ?? []), node]);
  const notes: Reason[] = [
    ...nodeFactDifferences(nodeFacts).map((d): Reason => ({ rule: 'nodes-differ', outcome: 'note', message: differenceText(d) })),
    ...[...unsure].map(([reason, nodes]): Reason => ({ rule: 'node-check', outcome: 'note', message: `${nodes.join(', ')}: changed, as it cannot be told whether ${nodes.length === 1 ? 'it has' : 'they have'} the change already (${reason})` })),
  ];
  return notes.length === 0 ? verdict : { ...verdict, reasons: [...notes, ...verdict.reasons] };
}
