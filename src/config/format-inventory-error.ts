import type { InventoryError, InventoryProblem } from './inventory-error.ts';

function formatProblem(p: InventoryProblem): string {
  const where = [p.line === undefined ? undefined : `line ${p.line}`, p.path === '' ? undefined : p.path].filter((s) => s !== undefined);
  return where.length === 0 ? p.message : `${where.join(' ')}: ${p.message}`;
}

/**
 * For people: `inventory.yml is invalid (2 problems):` then one indented line per problem,
 * `line 12 clusters.prod.nodes[1].hostKey: expected ...`.
 */
export function formatInventoryError(e: InventoryError): string {
  const n = e.problems.length;
  const head =
    e.code === 'inventory_unreadable'
      ? `${e.file} cannot be read`
      : `${e.file} is invalid (${n} problem${n === 1 ? '' : 's'})`;
  return [`${head}:`, ...e.problems.map((p) => `  ${formatProblem(p)}`)].join('\n');
}
