import { isAbsolute, resolve } from 'node:path';
import { inspectRequestArtifacts } from '../../app/inspect-request-artifacts.ts';
import { evaluate } from '../../domain/eligibility/evaluate.ts';
import { settingDiff } from '../../domain/liferay/setting-diff.ts';
import type { CliPorts } from './cli-ports.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import type { CliEnv } from '../../config/env-config.ts';
import { loadClusterContext } from './cluster-context.ts';
import { formatVerdict, verdictJson } from './format-verdict.ts';
import { parseCommandLine } from './parse-command-line.ts';

export const CHECK_USAGE = `usage: liferay-rollout check [--facts FILE] [--inventory FILE] [--catalog FILE]... [--artifacts DIR] [--json] -- <request>
  Prints whether <request> may be done by rolling restart, and why. A module or plugin file is
  opened from --artifacts DIR (else the inventory's artifactDir) and inspected against the
  installed version (the facts' "modules").
  Exit 0: a verdict was given (eligible, ineligible or needs-confirmation)
  Exit 1: the request cannot be done on this cluster (wrong build, unsupported Java, downgrade...)
  Exit 2: the request or an option did not parse (message on stderr)
`;

export async function checkCommand(argv: readonly string[], io: CliIo, env: CliEnv, ports: Pick<CliPorts, 'artifactReaderAt'>): Promise<number> {
  const line = parseCommandLine(
    'check',
    argv,
    {
      facts: { type: 'string' },
      inventory: { type: 'string' },
      catalog: { type: 'string', multiple: true },
      artifacts: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    CHECK_USAGE,
    io,
  );
  if (typeof line === 'number') return line;
  const request = line.request;
  const context = loadClusterContext({
    cwd: io.cwd,
    cluster: request.cluster,
    factsPath: line.values.facts,
    inventoryPath: line.values.inventory ?? env.INVENTORY,
    catalogPaths: line.values.catalog,
    keyFiles: 'ignore',
  });
  if (!context.ok) {
    io.stderr(`liferay-rollout check: ${context.error}\n`);
    return EXIT.usage;
  }
  const artifactDir = line.values.artifacts === undefined ? context.value.inventory?.artifactDir : isAbsolute(line.values.artifacts) ? line.values.artifacts : resolve(io.cwd, line.values.artifacts);
  const artifacts = artifactDir === undefined ? {} : await inspectRequestArtifacts(request, context.value.facts, ports.artifactReaderAt(artifactDir));
  const evaluated = evaluate(request, context.value.facts, context.value.catalog, { policy: context.value.policy, artifacts });
  // `check` reads no node: a property or config request shows the values asked for (masked where secret), not a diff.
  const changes = evaluated.type === 'verdict' ? settingDiff(request, [], new Map()) : undefined;
  const verdict = changes === undefined || evaluated.type === 'error' ? evaluated : { ...evaluated, changes };
  if (line.values.json) io.stdout(verdictJson(verdict));
  else io.stdout(formatVerdict(verdict));
  if (verdict.type === 'error') {
    if (line.values.json) io.stderr(`liferay-rollout check: ${verdict.message}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
