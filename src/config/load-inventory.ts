import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { err, ok, type Result } from '../domain/result.ts';
import { inventoryProblems, problemAt, sortProblems, type InventoryError, type InventoryProblem } from './format-inventory-error.ts';
import { isRecord, LocalPath } from './inventory-scalars.ts';
import { Inventory } from './inventory-schema.ts';
import { errnoOf } from '../domain/errno-of.ts';
import { messageOf } from '../domain/message-of.ts';

export interface InventoryOptions {
  /** What `~` in local paths stands for; default: the current user's home folder. */
  readonly homeDir?: string;
  /**
   * Whether `loadInventory` checks that every `ssh.keyFile` is a readable file on this machine
   * (default `check`); `ignore` for a command that never connects (`check`).
   */
  readonly keyFiles?: 'check' | 'ignore';
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

/** A local path as the inventory means it: `~` is `homeDir`, relative to the inventory's folder. */
const localPath = (baseDir: string, homeDir: string) => (p: string): string =>
  resolve(baseDir, p === '~' ? homeDir : p.startsWith('~/') ? join(homeDir, p.slice(2)) : p);

function resolvePaths(inventory: Inventory, local: (p: string) => string): Inventory {
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

/** Why the bot could not read this private key file, or undefined when it can. */
function keyFileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `key file ${path} is not a file`;
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return `key file ${path} does not exist`;
    return `key file ${path} cannot be read (${code ?? messageOf(e)})`;
  }
}

/**
 * Every cluster's `ssh.keyFile` that is not a readable file here. Reads the document as `unknown`
 * so that these problems come with the others, even when other parts are invalid.
 */
function keyFileProblems(data: unknown, doc: Document, lineCounter: LineCounter, local: (p: string) => string): InventoryProblem[] {
  if (!isRecord(data) || !isRecord(data['clusters'])) return [];
  return Object.entries(data['clusters']).flatMap(([name, cluster]) => {
    const keyFile = isRecord(cluster) && isRecord(cluster['ssh']) ? cluster['ssh']['keyFile'] : undefined;
    if (typeof keyFile !== 'string' || !LocalPath.safeParse(keyFile).success) return [];
    const problem = keyFileProblem(local(keyFile));
    return problem === undefined ? [] : [problemAt(doc, lineCounter, ['clusters', name, 'ssh', 'keyFile'], problem)];
  });
}

const invalid = (file: string, problems: InventoryProblem[]): InventoryError => ({ code: 'inventory_invalid', file, problems });

function readInventory(text: string, sourcePath: string, options: InventoryOptions, checkKeyFiles: boolean): Result<Inventory, InventoryError> {
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
  const local = localPath(dirname(resolve(sourcePath)), options.homeDir ?? homedir());
  const parsed = Inventory.safeParse(data, { error: messages });
  const problems = [
    ...(parsed.success ? [] : inventoryProblems(parsed.error.issues, doc, lineCounter)),
    ...(checkKeyFiles ? keyFileProblems(data, doc, lineCounter, local) : []),
  ];
  if (problems.length > 0 || !parsed.success) return err(invalid(sourcePath, sortProblems(problems)));
  return ok(resolvePaths(parsed.data, local));
}

/**
 * Parses and validates inventory YAML (the text only: no file it names is looked at). `sourcePath`
 * names the file in problems and is the base for relative `artifactDir`, `catalog` and
 * `ssh.keyFile`. Every problem is reported at once.
 */
export function parseInventory(text: string, sourcePath: string, options: InventoryOptions = {}): Result<Inventory, InventoryError> {
  return readInventory(text, sourcePath, options, false);
}

/**
 * Reads and validates an inventory file, and checks that each `ssh.keyFile` it names is a readable
 * file here (unless `keyFiles: 'ignore'`), all problems at once; an unreadable inventory is an
 * `inventory_unreadable` error, not a throw.
 */
export function loadInventory(path: string, options: InventoryOptions = {}): Result<Inventory, InventoryError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const message = messageOf(e);
    return err({ code: 'inventory_unreadable', file: path, problems: [{ path: '', message }] });
  }
  return readInventory(text, path, options, options.keyFiles !== 'ignore');
}
