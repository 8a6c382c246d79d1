import type { z } from 'zod';
import type { Document, LineCounter } from 'yaml';
import { formatProblemPath } from './format-problem-path.ts';
import type { InventoryProblem } from './inventory-error.ts';
import { lineOfPath } from './line-of-path.ts';

type Issue = z.core.$ZodIssue;

function problem(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], message: string): InventoryProblem {
  const line = lineOfPath(doc, lineCounter, path);
  return { path: formatProblemPath(path), ...(line === undefined ? {} : { line }), message };
}

function flatten(issue: Issue, doc: Document, lineCounter: LineCounter): InventoryProblem[] {
  // zod's issue codes are zod's, not ours: every code but these two reads as its message.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem(doc, lineCounter, [...issue.path, key], `unknown key "${key}"`));
    case 'invalid_key':
      return [problem(doc, lineCounter, issue.path, issue.issues.map((i) => i.message).join('; ') || issue.message)];
    default:
      return [problem(doc, lineCounter, issue.path, issue.message)];
  }
}

/** Zod issues as inventory problems with YAML paths and lines: one per unknown key, sorted by line, no duplicates. */
export function inventoryProblems(issues: readonly Issue[], doc: Document, lineCounter: LineCounter): InventoryProblem[] {
  const seen = new Set<string>();
  return issues
    .flatMap((issue) => flatten(issue, doc, lineCounter))
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
