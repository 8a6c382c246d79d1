import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { err, ok, type Result } from '../domain/result.ts';
import { Inventory } from './inventory.ts';
import type { InventoryError, InventoryProblem } from './inventory-error.ts';
import { inventoryProblems } from './inventory-problems.ts';
import { messageOf } from '../domain/message-of.ts';

export interface InventoryOptions {
  /** What `~` in local paths stands for; default: the current user's home folder. */
  readonly homeDir?: string;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (an empty value, or a bare ~: quote it for the home folder)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const expectedNames: Readonly<Record<string, string>> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  int: 'a whole number',
};

/** Shorter messages than zod's for missing and mistyped values; everything else keeps its own message. */
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    const expected = expectedNames[issue.expected] ?? issue.expected;
    return issue.input === undefined ? `required (${expected})` : `expected ${expected}, got ${describe(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    const expected = `one of ${issue.values.map(String).join(', ')}`;
    return issue.input === undefined ? `required (${expected})` : `expected ${expected}, got ${describe(issue.input)}`;
  }
  return undefined;
};

function resolvePaths(inventory: Inventory, baseDir: string, homeDir: string): Inventory {
  const local = (p: string): string =>
    resolve(baseDir, p === '~' ? homeDir : p.startsWith('~/') ? join(homeDir, p.slice(2)) : p);
  const clusters = Object.fromEntries(
    Object.entries(inventory.clusters).map(([name, cluster]) => {
      const { auth } = cluster.ssh;
      const resolved = auth.kind === 'keyFile' ? { ...auth, keyFile: local(auth.keyFile) } : auth;
      return [name, { ...cluster, ssh: { ...cluster.ssh, auth: resolved } }];
    }),
  );
  const result: Inventory = { ...inventory, artifactDir: local(inventory.artifactDir), clusters };
  if (inventory.catalog !== undefined) result.catalog = local(inventory.catalog);
  return result;
}

const invalid = (file: string, problems: InventoryProblem[]): InventoryError => ({ code: 'inventory_invalid', file, problems });

/**
 * Parses and validates inventory YAML. `sourcePath` names the file in problems and is the base for
 * relative `artifactDir`, `catalog` and `ssh.keyFile`. Every problem is reported at once.
 */
export function parseInventory(text: string, sourcePath: string, options: InventoryOptions = {}): Result<Inventory, InventoryError> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      invalid(
        sourcePath,
        doc.errors.map((e) => ({ path: '', line: lineCounter.linePos(e.pos[0]).line, message: e.message })),
      ),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err(invalid(sourcePath, [{ path: '', message: messageOf(e) }]));
  }
  const parsed = Inventory.safeParse(data, { error: messages });
  if (!parsed.success) return err(invalid(sourcePath, inventoryProblems(parsed.error.issues, doc, lineCounter)));
  return ok(resolvePaths(parsed.data, dirname(resolve(sourcePath)), options.homeDir ?? homedir()));
}

/** Reads and parses an inventory file; an unreadable file is an `inventory_unreadable` error, not a throw. */
export function loadInventory(path: string, options: InventoryOptions = {}): Result<Inventory, InventoryError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const message = messageOf(e);
    return err({ code: 'inventory_unreadable', file: path, problems: [{ path: '', message }] });
  }
  return parseInventory(text, path, options);
}
