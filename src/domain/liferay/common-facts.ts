import type { ClusterFacts } from './cluster-facts.ts';
import { factText, type NodeFacts } from './node-facts.ts';

const KEYS = ['product', 'patches', 'java', 'release', 'commerce', 'nonRevertible', 'build', 'modules'] as const satisfies readonly (keyof ClusterFacts)[];

/**
 * The facts every node agrees on: a key some node lacks or sees otherwise is left out (the whole
 * `modules` map when one module differs). File digests are per-node evidence, never common.
 */
export function commonFacts(nodeFacts: NodeFacts): ClusterFacts {
  const all = Object.values(nodeFacts);
  const [first] = all;
  if (first === undefined) return {};
  const common: ClusterFacts = {};
  for (const key of KEYS) {
    const text = factText(first, key);
    if (text !== undefined && all.every((f) => factText(f, key) === text)) copyFact(common, first, key);
  }
  return common;
}

const copyFact = <K extends keyof ClusterFacts>(to: ClusterFacts, from: Pick<ClusterFacts, K>, key: K): void => {
  to[key] = from[key];
};
