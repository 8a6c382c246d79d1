import type { EligibilityRule } from '../eligibility-rule.ts';
import type { MaintenanceRequest } from '../../request/maintenance-request.ts';
import { schemaEvidenceOutcomes } from './schema-evidence.ts';

function subject(request: MaintenanceRequest): string {
  if (request.kind === 'module' || request.kind === 'plugin') return request.file;
  if (request.kind === 'commerce') return `Commerce ${request.version}`;
  return request.kind;
}

/**
 * LIFERAY.md §1: a new or updated module/plugin rolls only if old nodes can live with what its
 * upgrade does to the database. Where the JAR inspector read the artifact, its evidence decides
 * (`schemaEvidenceOutcomes`) and a contradicting `--schema` claim is shown; otherwise the requester
 * declares it (`--schema`), and no declaration is a question.
 */
export const schemaDeclaration: EligibilityRule = {
  name: 'schema-change',
  appliesTo: (r) => r.kind === 'module' || r.kind === 'plugin' || r.kind === 'commerce',
  check: ({ request, artifacts }) => {
    const rule = schemaDeclaration.name;
    const what = subject(request);
    const evidence = request.kind === 'module' || request.kind === 'plugin' ? artifacts?.[request.file] : undefined;
    if (evidence !== undefined) return schemaEvidenceOutcomes(what, evidence, request.schema);
    switch (request.schema) {
      case 'breaking':
        return [
          {
            rule,
            outcome: 'block',
            message: `${what} is declared to change the schema in a breaking way (drops or renames columns, changes types or data formats): nodes still on the old version would fail, so all nodes must be down`,
          },
        ];
      case 'compatible':
        return [{ rule, outcome: 'pass', message: `${what} is declared backward-compatible: nodes still on the old version keep working after its upgrade runs on the first node` }];
      case 'none':
        return [{ rule, outcome: 'pass', message: `${what} is declared to make no schema change: old and new versions can run side by side` }];
      case undefined:
        return [
          {
            rule,
            outcome: 'confirm',
            message: `no schema declaration for ${what}: a module that drops or renames columns (or moves its Liferay-Require-SchemaVersion incompatibly) cannot roll; answer, or pass --schema none|compatible|breaking`,
            question: { topic: 'schema', text: `Does ${what} change the database schema?`, subjects: [what] },
          },
        ];
    }
  },
};
