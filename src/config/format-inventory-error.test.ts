import { describe, expect, it } from 'vitest';
import { formatInventoryError, formatProblemPath, type InventoryError } from './format-inventory-error.ts';

describe('formatInventoryError', () => {
  it.each<[string, InventoryError, string]>([
    [
      'two problems, with and without a line',
      {
        code: 'inventory_invalid',
        file: 'inventory.yml',
        problems: [
          { path: 'clusters.prod.nodes[1].hostKey', line: 12, message: 'expected "SHA256:<43 base64 chars>"' },
          { path: 'artifactDir', message: 'required (string)' },
        ],
      },
      'inventory.yml is invalid (2 problems):\n  line 12 clusters.prod.nodes[1].hostKey: expected "SHA256:<43 base64 chars>"\n  artifactDir: required (string)',
    ],
    [
      'one YAML syntax problem',
      { code: 'inventory_invalid', file: 'conf/inventory.yml', problems: [{ path: '', line: 3, message: 'Map keys must be unique' }] },
      'conf/inventory.yml is invalid (1 problem):\n  line 3: Map keys must be unique',
    ],
    [
      'an unreadable file',
      { code: 'inventory_unreadable', file: 'missing.yml', problems: [{ path: '', message: "ENOENT: no such file or directory, open 'missing.yml'" }] },
      "missing.yml cannot be read:\n  ENOENT: no such file or directory, open 'missing.yml'",
    ],
  ])('%s', (_name, error, expected) => {
    expect(formatInventoryError(error)).toBe(expected);
  });
});

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
