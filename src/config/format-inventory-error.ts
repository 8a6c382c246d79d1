import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';

/*
 * Inventory problems for people: where (YAML path and line) and what, one line each.
 */

/** One thing wrong with an inventory file: YAML path (`clusters.prod.nodes[1].hostKey`), 1-based line when known. */
export type InventoryProblem = { path: string; line?: number; message: string };

/** Why an inventory could not be loaded; every problem found, not just the first. */
export type InventoryError = {
  code: 'inventory_invalid' | 'inventory_unreadable';
  file: string;
  problems: InventoryProblem[];
};

/** `['clusters', 'prod', 'nodes', 1, 'hostKey']` → `clusters.prod.nodes[1].hostKey`; odd keys are quoted. */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    if (/^[A-Za-z0-9_-]+$/.test(key)) return text === '' ? key : `${text}.${key}`;
    return `${text}[${JSON.stringify(key)}]`;
  }, '');
}

function offsetOf(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
    const start: unknown = node.range[0];
    return typeof start === 'number' ? start : undefined;
  }
  return undefined;
}

const keyText = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

/**
 * The 1-based line of the deepest node along `path` that exists in the document (a map entry's
 * key line, a sequence item's first line); undefined when not even the first step exists.
 */
export function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (pair === undefined) break;
      offset = offsetOf(pair.key) ?? offsetOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = offsetOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** A problem at `path`, with the line of the document where that path (or its deepest existing part) is. */
export function problemAt(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], message: string): InventoryProblem {
  const line = lineOfPath(doc, lineCounter, path);
  return { path: formatProblemPath(path), ...(line === undefined ? {} : { line }), message };
}

type Issue = z.core.$ZodIssue;

function flatten(issue: Issue, doc: Document, lineCounter: LineCounter): InventoryProblem[] {
  // zod's issue codes are zod's, not ours: every code but these two reads as its message.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problemAt(doc, lineCounter, [...issue.path, key], `unknown key "${key}"`));
    case 'invalid_key':
      return [problemAt(doc, lineCounter, issue.path, issue.issues.map((i) => i.message).join('; ') || issue.message)];
    default:
      return [problemAt(doc, lineCounter, issue.path, issue.message)];
  }
}

/** Zod issues as inventory problems with YAML paths and lines: one per unknown key. */
export function inventoryProblems(issues: readonly Issue[], doc: Document, lineCounter: LineCounter): InventoryProblem[] {
  return issues.flatMap((issue) => flatten(issue, doc, lineCounter));
}

/** The problems without repeats, sorted by line (those without a line last), otherwise in their order. */
export function sortProblems(problems: readonly InventoryProblem[]): InventoryProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.path}\0${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((p, index) => ({ p, index }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.index - b.index)
    .map(({ p }) => p);
}

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
