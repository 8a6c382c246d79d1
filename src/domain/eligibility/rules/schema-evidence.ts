import type { ArtifactInspection } from '../../liferay/jar/inspect-artifact.ts';
import type { JarFinding } from '../../liferay/jar/jar-finding.ts';
import type { Result } from '../../result.ts';
import type { SchemaDeclaration } from '../../request/maintenance-request.ts';
import type { Question, RuleOutcome } from '../verdict.ts';

const RULE = 'schema-change';
const SHOWN = 5;

function list(findings: readonly JarFinding[]): string {
  const shown = findings.slice(0, SHOWN).map((f) => `${f.where} (${f.detail})`);
  const more = findings.length > SHOWN ? `, and ${findings.length - SHOWN} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** What was read, for the evidence line: "com.acme.foo.service 2.0.0 (4 classes, 2 upgrade classes)". */
function read(inspection: ArtifactInspection): string {
  return inspection.bundles
    .map((b) => {
      const name = `${b.bundle.symbolicName ?? b.entry ?? inspection.file} ${b.bundle.version ?? '(no Bundle-Version)'}`;
      const installed = b.installed === undefined ? 'no installed version the nodes agree on in the facts' : `installed ${b.installed.version ?? '?'}, schema ${b.installed.schemaVersion ?? 'unknown'}`;
      return `${name}, ${installed}: ${b.classes} classes read, ${b.upgradeClasses} in upgrade steps`;
    })
    .join('; ');
}

const question = (what: string): Question => ({ topic: 'schema', text: `Does ${what} change the database schema?`, subjects: [what] });

/** A `--schema` claim the evidence contradicts: shown next to the verdict, never trusted over it. */
function contradiction(what: string, claim: SchemaDeclaration | undefined, says: string): RuleOutcome[] {
  if (claim === undefined) return [];
  return [{ rule: RULE, outcome: 'note', message: `${what} is declared --schema ${claim}, but the JAR says otherwise: ${says}` }];
}

/**
 * The schema verdict from what the JAR inspector found (LIFERAY.md §5) rather than what the
 * requester claims: a breaking call or SQL, or a schema-version move no readable step explains,
 * blocks and names class and call; additive-only asks (or `--schema compatible` answers); no
 * schema change passes naming the evidence. An unreadable artifact asks, with the reason.
 */
export function schemaEvidenceOutcomes(what: string, evidence: Result<ArtifactInspection, string>, claim: SchemaDeclaration | undefined): RuleOutcome[] {
  if (!evidence.ok) {
    const message = `${what} could not be inspected (${evidence.error})`;
    switch (claim) {
      case 'breaking':
        return [{ rule: RULE, outcome: 'block', message: `${message}; it is declared to change the schema in a breaking way: all nodes must be down` }];
      case 'none':
      case 'compatible':
        // The answer to the question is the claim: taken, and said to be unchecked.
        return [{ rule: RULE, outcome: 'pass', message: `${message}; taken as declared --schema ${claim}, which nothing could check` }];
      case undefined:
        return [{ rule: RULE, outcome: 'confirm', message: `${message}: does it drop or rename columns, or move its Liferay-Require-SchemaVersion?`, question: question(what) }];
    }
  }
  const inspection = evidence.value;
  const findings = inspection.bundles.flatMap((b) => b.findings);
  const breaking = findings.filter((f) => f.breaking);
  const moves = findings.filter((f) => f.kind === 'schema-version' && f.detail.includes('→'));
  const additive = findings.filter((f) => f.kind === 'additive-call' || f.kind === 'additive-sql');
  const unknown = findings.filter((f) => f.kind === 'unknown-call' || f.kind === 'unreadable');
  const ignored = findings.filter((f) => f.kind === 'incidental' || f.kind === 'old-step');
  const alsoSeen = ignored.length === 0 ? '' : ` (not counted: ${list(ignored)})`;
  const evidenceLine = read(inspection);

  if (breaking.length > 0) {
    const says = list(breaking);
    return [
      { rule: RULE, outcome: 'block', message: `${what} changes the schema in a way nodes still on the old version cannot live with: ${says}; all nodes must be down [${evidenceLine}]` },
      ...contradiction(what, claim === 'breaking' ? undefined : claim, says),
    ];
  }
  switch (inspection.schemaChange) {
    case 'breaking':
    case 'unknown': {
      const why = [...moves, ...unknown];
      const says = why.length > 0 ? list(why) : 'upgrade steps whose effect the inspector cannot tell, against an installed schema version the facts do not give';
      if (moves.length > 0 || claim === 'breaking') {
        return [
          { rule: RULE, outcome: 'block', message: `${what} runs an upgrade the inspector cannot show to be safe: ${says}; all nodes must be down [${evidenceLine}]` },
          ...contradiction(what, claim === 'breaking' ? undefined : claim, says),
        ];
      }
      if (claim === 'none' || claim === 'compatible') {
        return [{ rule: RULE, outcome: 'pass', message: `${what} is declared --schema ${claim}; the inspector could not tell: ${says} [${evidenceLine}]` }];
      }
      return [{ rule: RULE, outcome: 'confirm', message: `${what}: the inspector could not tell whether it changes the schema: ${says} [${evidenceLine}]`, question: question(what) }];
    }
    case 'additive': {
      const says = list([...moves, ...additive]);
      if (claim === 'breaking') return [{ rule: RULE, outcome: 'block', message: `${what} is declared to change the schema in a breaking way; the inspector found additive changes only: ${says}: all nodes must be down` }];
      if (claim === 'compatible') return [{ rule: RULE, outcome: 'pass', message: `${what} only adds to the schema (${says}), declared backward-compatible: old nodes keep working after its upgrade runs on the first node [${evidenceLine}]` }];
      return [
        ...contradiction(what, claim, `it adds to the schema: ${says}`),
        { rule: RULE, outcome: 'confirm', message: `${what} only adds to the schema: ${says}; confirm old nodes can live with it (--schema compatible) [${evidenceLine}]`, question: question(what) },
      ];
    }
    case 'none':
      if (claim === 'breaking') return [{ rule: RULE, outcome: 'block', message: `${what} is declared to change the schema in a breaking way, though the inspector found no schema change [${evidenceLine}]: all nodes must be down` }];
      return [
        {
          rule: RULE,
          outcome: 'pass',
          message: `${what} makes no schema change: ${moves.length === 0 && findings.some((f) => f.kind === 'schema-version') ? 'the same Liferay-Require-SchemaVersion as installed, ' : ''}no breaking call or SQL in its upgrade steps [${evidenceLine}]${alsoSeen}`,
        },
      ];
  }
}
