import { err, ok, type Result } from '../result.ts';
import { SchemaDeclaration } from './maintenance-request.ts';
import { parseClusterName } from './parse-cluster-name.ts';
import { quoteToken } from './quote-token.ts';

/** A change's words with `on <cluster>`, `--schema` and `--dry-run` taken out. */
export interface Trailer {
  readonly words: readonly string[];
  readonly cluster?: string;
  readonly schema?: SchemaDeclaration;
  readonly dryRun: boolean;
}

export interface TrailerOptions {
  /** `jvm`: words starting with `-` are the change's own (JVM options), not unknown flags. */
  readonly dashWordsAreValues: boolean;
}

const SCHEMA_VALUES = 'none, compatible or breaking';

function parseSchema(value: string | undefined): Result<SchemaDeclaration, string> {
  if (value === undefined || value === '') return err(`missing value after --schema (expected ${SCHEMA_VALUES})`);
  const parsed = SchemaDeclaration.safeParse(value.toLowerCase());
  if (!parsed.success) return err(`unknown --schema value ${quoteToken(value)} (expected ${SCHEMA_VALUES})`);
  return ok(parsed.data);
}

/** Short printable flags as typed (`unknown flag --force`), anything else quoted. */
function flagName(token: string): string {
  return token.length <= 40 && /^[\x21-\x7e]+$/.test(token) ? token : quoteToken(token);
}

/**
 * Take `on <cluster>`, `--schema <v>` / `--schema=<v>` and `--dry-run` out of the words after a
 * change's verb, wherever they stand; the rest keep their order. `on` and the flags are
 * case-insensitive and may each appear once. Other words starting with `-` are unknown flags,
 * unless `dashWordsAreValues`.
 */
export function extractTrailer(tokens: readonly string[], options: TrailerOptions): Result<Trailer, string> {
  const words: string[] = [];
  let cluster: string | undefined;
  let schema: SchemaDeclaration | undefined;
  let dryRun = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const lower = token.toLowerCase();
    if (lower === 'on') {
      const next = tokens[i + 1];
      if (next === undefined) return err('missing cluster after "on"');
      const parsed = parseClusterName(next);
      if (!parsed.ok) return parsed;
      if (cluster !== undefined) return err(`"on <cluster>" given twice ("on ${cluster}" and "on ${parsed.value}")`);
      cluster = parsed.value;
      i++;
    } else if (lower === '--dry-run') {
      if (dryRun) return err('flag --dry-run given twice');
      dryRun = true;
    } else if (lower.startsWith('--dry-run=')) {
      return err(`flag --dry-run takes no value (got ${quoteToken(token)})`);
    } else if (lower === '--schema' || lower.startsWith('--schema=')) {
      const inline = lower === '--schema' ? undefined : token.slice('--schema='.length);
      if (lower === '--schema') i++;
      const parsed = parseSchema(inline ?? tokens[i]);
      if (!parsed.ok) return parsed;
      if (schema !== undefined) return err('flag --schema given twice');
      schema = parsed.value;
    } else if (token.startsWith('-') && !options.dashWordsAreValues) {
      return err(`unknown flag ${flagName(token)}`);
    } else {
      words.push(token);
    }
  }
  return ok({ words, dryRun, ...(cluster === undefined ? {} : { cluster }), ...(schema === undefined ? {} : { schema }) });
}
