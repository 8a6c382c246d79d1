/** One thing wrong with an inventory file: YAML path (`clusters.prod.nodes[1].hostKey`), 1-based line when known. */
export type InventoryProblem = { path: string; line?: number; message: string };

/** Why an inventory could not be loaded; every problem found, not just the first. */
export type InventoryError = {
  code: 'inventory_invalid' | 'inventory_unreadable';
  file: string;
  problems: InventoryProblem[];
};
