import { parseArgs } from 'node:util';
import { evaluate } from '../../domain/eligibility/evaluate.ts';
import { parseRequest } from '../../domain/request/parse-request.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { loadClusterContext } from './cluster-context.ts';
import { formatVerdict, verdictJson } from './format-verdict.ts';

export const CHECK_USAGE = `usage: liferay-rollout check [--facts FILE] [--inventory FILE] [--catalog FILE]... [--json] -- <request>
  Prints whether <request> may be done by rolling restart, and why.
  Exit 0: a verdict was given (eligible, ineligible or needs-confirmation)
  Exit 1: the request cannot be done on this cluster (wrong build, unsupported Java, downgrade...)
  Exit 2: the request or an option did not parse (message on stderr)
`;

export function checkCommand(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        facts: { type: 'string' },
        inventory: { type: 'string' },
        catalog: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr(`liferay-rollout check: ${(e as Error).message}\n${CHECK_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(CHECK_USAGE);
    return EXIT.ok;
  }
  const text = parsed.positionals.join(' ');
  const request = parseRequest(text);
  if (!request.ok) {
    io.stderr(`liferay-rollout check: ${request.error.reason}\n\n${request.error.usage}\n`);
    return EXIT.usage;
  }
  const context = loadClusterContext({
    cwd: io.cwd,
    cluster: request.value.cluster,
    factsPath: parsed.values.facts,
    inventoryPath: parsed.values.inventory ?? (io.env['INVENTORY'] || undefined),
    catalogPaths: parsed.values.catalog,
  });
  if (!context.ok) {
    io.stderr(`liferay-rollout check: ${context.error}\n`);
    return EXIT.usage;
  }
  const verdict = evaluate(request.value, context.value.facts, context.value.catalog, { policy: context.value.policy });
  if (parsed.values.json) io.stdout(verdictJson(verdict));
  else io.stdout(formatVerdict(verdict));
  if (verdict.type === 'error') {
    if (parsed.values.json) io.stderr(`liferay-rollout check: ${verdict.message}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
