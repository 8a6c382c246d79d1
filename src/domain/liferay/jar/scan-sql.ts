/** SQL that a running old version cannot live with (LIFERAY.md §5): drops and renames. */
const BREAKING_SQL = /\bdrop\s+(?:column|table|constraint|primary\s+key)\b|\balter\s+table\s+\S+\s+drop\b|\brename\b|\balter\s+column\b|\bmodify\s+column\b/i;
const ADDITIVE_SQL = /\balter\s+table\s+\S+\s+add\b/i;

export interface SqlHit {
  readonly line: number;
  readonly text: string;
  readonly breaking: boolean;
}

/** The lines of an SQL text that drop, rename or alter (breaking) or add columns (additive); 1-based line numbers. */
export function scanSql(text: string): readonly SqlHit[] {
  const hits: SqlHit[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/--.*$/, '').trim();
    if (line === '') return;
    if (BREAKING_SQL.test(line)) hits.push({ line: i + 1, text: line, breaking: true });
    else if (ADDITIVE_SQL.test(line)) hits.push({ line: i + 1, text: line, breaking: false });
  });
  return hits;
}

/** Whether one SQL literal (a string constant) drops, renames or alters. */
export function sqlLiteralEffect(text: string): 'breaking' | 'additive' | undefined {
  const hit = scanSql(text)[0];
  if (hit === undefined) return undefined;
  return hit.breaking ? 'breaking' : 'additive';
}
