/**
 * One thing the inspector found. `where` is a class and member (`com.acme.Foo#alterTableDropColumn`)
 * or a file and line (`META-INF/sql/update.sql:3`); `breaking` says whether it is a reason a running
 * old version cannot live with the new one.
 */
export interface JarFinding {
  readonly where: string;
  readonly kind: JarFindingKind;
  readonly detail: string;
  readonly breaking: boolean;
}

/**
 * `breaking-call` / `breaking-sql`: LIFERAY.md §5's breaking upgrade calls and SQL, in an upgrade step;
 * `additive-call` / `additive-sql`: adds columns only; `unknown-call`: a step whose effect cannot be told
 * (`UpgradeProcessFactory.runSQL`); `schema-version`: the Liferay-Require-SchemaVersion against the
 * installed one; `old-step`: a step registered at or below the installed schema version (it never runs
 * again); `incidental`: looks like a drop but is not an upgrade (`TABLE_SQL_DROP` in `*ModelImpl`);
 * `unreadable`: a class file that could not be read.
 */
export type JarFindingKind = 'breaking-call' | 'breaking-sql' | 'additive-call' | 'additive-sql' | 'unknown-call' | 'schema-version' | 'old-step' | 'incidental' | 'unreadable';

/** What the evidence says about the schema: the `inspect --json` `schemaChange`. */
export type SchemaChange = 'none' | 'additive' | 'breaking' | 'unknown';
