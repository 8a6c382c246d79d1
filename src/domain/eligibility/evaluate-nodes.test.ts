import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aRequest } from '../../../test/builders/a-rollout-plan.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import type { NodeFacts } from '../liferay/node-facts.ts';
import { PatchCatalog } from '../liferay/patch-catalog.ts';
import type { NodesNeeding } from '../plan/nodes-needing.ts';
import { evaluate } from './evaluate.ts';
import { evaluateNodes } from './evaluate-nodes.ts';
import type { Verdict } from './verdict.ts';

const catalog = PatchCatalog.parse(JSON.parse(readFileSync(new URL('../../../catalog/non-revertible.json', import.meta.url), 'utf8')));
const at = (patches: string[], java = '1.8.0_292'): ClusterFacts => ({ product: 'dxp-7.1', patches, java });
const all = (needing: string[], extra: Partial<NodesNeeding> = {}): NodesNeeding => ({ needing, skipped: [], unsure: [], ...extra });

function summary(v: Verdict): string[] {
  return v.type === 'error' ? [`error ${v.rule}: ${v.message}`] : [v.verdict, ...v.reasons.map((r) => `${r.rule}: ${r.message}`)];
}

describe('evaluateNodes', () => {
  it('is evaluate itself when the nodes agree', () => {
    const facts = at(['dxp-13-7110']);
    const request = aRequest('fixpack install dxp-14-7110 on prod');
    expect(evaluateNodes(request, { node1: facts, node2: facts }, all(['node1', 'node2']), catalog)).toEqual(evaluate(request, facts, catalog));
  });

  it.each<[string, string, NodeFacts, NodesNeeding, string[]]>([
    [
      'a rollout stopped halfway: judged for the nodes still to do, the drift noted',
      'fixpack install dxp-14-7110 on prod',
      { node1: at(['dxp-14-7110']), node2: at(['dxp-13-7110']), node3: at(['dxp-13-7110']) },
      all(['node2', 'node3'], { skipped: [{ node: 'node1', reason: 'already has dxp-14-7110' }] }),
      [
        'eligible',
        'nodes-differ: the nodes have different patches: node1: dxp-14-7110; node2, node3: dxp-13-7110',
        'patch-build: dxp-14-7110 is built for DXP 7.1, the product prod runs',
        'fixpack-revertible: dxp-14-7110 is revertible: nodes with and without it can share the database while installing it',
        'fixpack-range: dxp-14-7110 directly follows installed dxp-13-7110: no fix pack lies between them',
      ],
    ],
    [
      'drift no rollout explains: allowed when every starting level allows it',
      'fixpack install dxp-14-7110 on prod',
      { node1: at(['dxp-12-7110']), node2: at(['dxp-13-7110']) },
      all(['node1', 'node2']),
      [
        'eligible',
        'nodes-differ: the nodes have different patches: node1: dxp-12-7110; node2: dxp-13-7110',
        'patch-build: dxp-14-7110 is built for DXP 7.1, the product prod runs',
        'fixpack-revertible: dxp-14-7110 is revertible: nodes with and without it can share the database while installing it',
        'fixpack-range: node1: no non-revertible fix pack lies between installed dxp-12-7110 and target dxp-14-7110 (1 checked)',
        'fixpack-range: node2: dxp-14-7110 directly follows installed dxp-13-7110: no fix pack lies between them',
      ],
    ],
    [
      'one starting level crosses a non-revertible fix pack: ineligible, naming that node',
      'fixpack install dxp-19-7110 on prod',
      { node1: at(['dxp-16-7110']), node2: at(['dxp-18-7110']) },
      all(['node1', 'node2']),
      [
        'ineligible',
        'nodes-differ: the nodes have different patches: node1: dxp-16-7110; node2: dxp-18-7110',
        'patch-build: dxp-19-7110 is built for DXP 7.1, the product prod runs',
        'fixpack-revertible: dxp-19-7110 is revertible: nodes with and without it can share the database while installing it',
        'fixpack-range: node1: dxp-17-7110 lies between installed dxp-16-7110 and target dxp-19-7110 and is non-revertible: all nodes must be down',
        'fixpack-range: node2: dxp-19-7110 directly follows installed dxp-18-7110: no fix pack lies between them',
        'full-shutdown: do it with the whole cluster down instead: stop every node, apply the change on every node, start one node alone and wait until it is healthy, then start the rest',
      ],
    ],
    [
      'a node above the target: the error names it',
      'fixpack install dxp-14-7110 on prod',
      { node1: at(['dxp-15-7110']), node2: at(['dxp-13-7110']) },
      all(['node1', 'node2']),
      ['error fixpack-order: node1: dxp-14-7110 is lower than the installed dxp-15-7110: fix packs are cumulative, so going back is a revert ("fixpack revert dxp-15-7110 on prod")'],
    ],
    [
      'Java differing: a node on another major makes it a full shutdown',
      'java update 1.8.0_402 on prod',
      { node1: at([], '11.0.22'), node2: at([], '1.8.0_292') },
      all(['node1', 'node2']),
      [
        'ineligible',
        'nodes-differ: the nodes run different Java versions: node1: 11.0.22; node2: 1.8.0_292',
        'java-support: Java 8 is supported by DXP 7.1 (supported: 8, 11)',
        'java-major: node1: Java 11 -> 8 is a new major: old and new nodes must not run side by side, so all nodes must be down',
        'java-major: node2: Java 1.8.0_292 -> 1.8.0_402 is a update within major 8: rolling-safe',
        'full-shutdown: do it with the whole cluster down instead: stop every node, apply the change on every node, start one node alone and wait until it is healthy, then start the rest',
      ],
    ],
    [
      'a revert for the nodes that have it',
      'fixpack revert dxp-14-7110 on prod',
      { node1: { ...at(['dxp-14-7110']), fixpackBefore: { 'dxp-14-7110': 'dxp-13-7110' } }, node2: at(['dxp-13-7110']) },
      all(['node1'], { skipped: [{ node: 'node2', reason: 'has no dxp-14-7110 to revert (installed: dxp-13-7110)' }] }),
      [
        'eligible',
        'nodes-differ: the nodes have different patches: node1: dxp-14-7110; node2: dxp-13-7110',
        'patch-build: dxp-14-7110 is built for DXP 7.1, the product prod runs',
        "fixpack-installed: Patching Tool's revert removes dxp-14-7110 together with any hotfix installed on top of it",
        'fixpack-revertible: dxp-14-7110 is revertible: nodes with and without it can share the database while reverting it',
        'fixpack-revert-range: reverting dxp-14-7110 goes back to dxp-13-7110, the level before it (declared in the cluster facts as fixpackBefore): its zip is put back into patches/ and installed; no fix pack lies between them',
      ],
    ],
    [
      'a node that could not be checked is said so',
      'property set a.b=c on prod',
      { node1: at([]), node2: at([]) },
      all(['node1', 'node2'], { unsure: [{ node: 'node2', reason: 'reading portal-ext.properties failed' }] }),
      ['eligible', 'node-check: node2: changed, as it cannot be told whether it has the change already (reading portal-ext.properties failed)', 'configuration-change: portal-ext.properties changes (a.b) are rolling-safe: each node reads them when it starts, everything else in the file is kept'],
    ],
    [
      'every node already has it: one line, no verdict to plan',
      'fixpack install dxp-14-7110 on prod',
      { node1: at(['dxp-14-7110']), node2: at(['dxp-14-7110']) },
      all([], { skipped: [{ node: 'node1', reason: 'already has dxp-14-7110' }, { node: 'node2', reason: 'already has dxp-14-7110' }] }),
      ['error already-done: already done on every node of prod (node1, node2: already has dxp-14-7110): nothing to do'],
    ],
  ])('%s', (_name, text, nodeFacts, selection, expected) => {
    expect(summary(evaluateNodes(aRequest(text), nodeFacts, selection, catalog))).toEqual(expected);
  });
});
