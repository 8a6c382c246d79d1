import { describe, expect, it } from 'vitest';
import { formatProblemPath } from './format-problem-path.ts';

describe('formatProblemPath', () => {
  it.each<[PropertyKey[], string]>([
    [[], ''],
    [['artifactDir'], 'artifactDir'],
    [['clusters', 'prod', 'nodes', 1, 'hostKey'], 'clusters.prod.nodes[1].hostKey'],
    [['clusters', 'prod-eu', 'javaHomes', '11'], 'clusters.prod-eu.javaHomes.11'],
    [['clusters', 'prod.eu', 'ssh'], 'clusters["prod.eu"].ssh'],
    [['clusters', 'prod cluster'], 'clusters["prod cluster"]'],
  ])('%j → %s', (path, expected) => {
    expect(formatProblemPath(path)).toBe(expected);
  });
});
