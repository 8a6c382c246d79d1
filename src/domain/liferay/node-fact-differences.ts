import { assertNever } from '../assert-never.ts';
import { factText, type NodeFacts } from './node-facts.ts';

export type FactDifference =
  | {
      readonly fact: 'patches' | 'java' | 'build' | 'commerce' | 'release';
      /** Nodes grouped by value, in inventory order: `node1: dxp-14-7110; node2, node3: dxp-13-7110`. */
      readonly byNode: string;
    }
  /** One module of osgi/modules that not every node runs in the same version (or at all). */
  | { readonly fact: 'module'; readonly name: string; readonly byNode: string }
  /**
   * A file (portal-ext.properties, an osgi/configs file) whose digest is not the same on every
   * node: the nodes that differ from the largest group of equal ones (the first such on a tie).
   */
  | {
      readonly fact: 'file';
      readonly path: string;
      /** Nodes whose file is there but not as on the reference group; `missingOn`: nodes without it. */
      readonly differsOn: readonly string[];
      readonly missingOn: readonly string[];
      /** The largest group lacks the file: `differsOn` are the only nodes that have it. */
      readonly mostlyMissing: boolean;
    };

/** Groups `[node, text]` by text, in the order of their first node. */
function groupBy(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [node, text] of pairs) groups.set(text, [...(groups.get(text) ?? []), node]);
  return groups;
}

const byNodeText = (groups: ReadonlyMap<string, readonly string[]>): string => [...groups].map(([text, nodes]) => `${nodes.join(', ')}: ${text}`).join('; ');

/**
 * How the nodes differ; empty when uniform. The release, patches, Java, the product build and Commerce as
 * before (a node that does not know a fact is `unknown`); modules and file digests only among the
 * nodes that were probed for them (a declared fact file carries neither), module by module and file
 * by file in name order.
 */
export function nodeFactDifferences(nodeFacts: NodeFacts): FactDifference[] {
  const out: FactDifference[] = [];
  const entries = Object.entries(nodeFacts);
  for (const fact of ['release', 'patches', 'java', 'build', 'commerce'] as const) {
    const groups = groupBy(
      entries.map(([node, facts]) => {
        const raw = factText(facts, fact);
        return [node, raw === undefined ? 'unknown' : raw === '' ? 'none' : raw] as const;
      }),
    );
    if (groups.size > 1) out.push({ fact, byNode: byNodeText(groups) });
  }

  const withModules = entries.flatMap(([node, facts]) => (facts.modules === undefined ? [] : [[node, facts.modules] as const]));
  for (const name of [...new Set(withModules.flatMap(([, modules]) => Object.keys(modules)))].sort()) {
    const groups = groupBy(
      withModules.map(([node, modules]) => {
        const m = modules[name];
        return [node, m === undefined ? 'not installed' : m.schemaVersion === undefined ? m.version : `${m.version} (schema ${m.schemaVersion})`] as const;
      }),
    );
    if (groups.size > 1) out.push({ fact: 'module', name, byNode: byNodeText(groups) });
  }

  const withDigests = entries.flatMap(([node, facts]) => (facts.digests === undefined ? [] : [[node, facts.digests] as const]));
  for (const path of [...new Set(withDigests.flatMap(([, digests]) => Object.keys(digests)))].sort()) {
    const groups = groupBy(withDigests.map(([node, digests]) => [node, digests[path] ?? 'missing'] as const));
    if (groups.size < 2) continue;
    const reference = [...groups.values()].reduce((best, nodes) => (nodes.length > best.length ? nodes : best));
    const others = withDigests.map(([node]) => node).filter((node) => !reference.includes(node));
    const missingOn = groups.get('missing') ?? [];
    const mostlyMissing = reference === missingOn;
    out.push({ fact: 'file', path, differsOn: others.filter((n) => !missingOn.includes(n)), missingOn: mostlyMissing ? [] : missingOn, mostlyMissing });
  }
  return out;
}

const LEAD = {
  patches: 'the nodes have different patches',
  java: 'the nodes run different Java versions',
  build: 'the nodes report different product builds',
  commerce: 'the nodes run different Commerce versions',
  release: 'the nodes run different releases',
} as const;

/**
 * One line per difference, channel-neutral: `the nodes have different patches: node1: …; node2: …`,
 * `module com.acme.foo differs: node1: 1.0.1; node2, node3: 1.0.0`, `portal-ext.properties differs on node2`.
 */
export function differenceText(d: FactDifference): string {
  switch (d.fact) {
    case 'module':
      return `module ${d.name} differs: ${d.byNode}`;
    case 'file': {
      if (d.mostlyMissing) return `${d.path} is only on ${d.differsOn.join(', ')}`;
      const parts = [...(d.differsOn.length > 0 ? [`differs on ${d.differsOn.join(', ')}`] : []), ...(d.missingOn.length > 0 ? [`is missing on ${d.missingOn.join(', ')}`] : [])];
      return `${d.path} ${parts.join(' and ')}`;
    }
    case 'patches':
    case 'java':
    case 'build':
    case 'commerce':
    case 'release':
      return `${LEAD[d.fact]}: ${d.byNode}`;
  }
  return assertNever(d, 'fact difference');
}
