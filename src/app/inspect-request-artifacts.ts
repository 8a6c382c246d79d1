import type { ArtifactEvidence } from '../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts, InstalledModuleFacts } from '../domain/liferay/cluster-facts.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import { inspectArtifact } from '../domain/liferay/jar/inspect-artifact.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import { err, ok } from '../domain/result.ts';
import type { ArtifactReader } from './ports.ts';

/**
 * What the nodes run of each module, for the inspector: an entry every node reports alike (probed);
 * where the nodes differ or none reports it, the declared one (facts file, inventory).
 */
export function installedModulesOf(nodeFacts: NodeFacts, declared: ClusterFacts): Readonly<Record<string, InstalledModuleFacts>> {
  const all = Object.values(nodeFacts);
  const names = new Set(all.flatMap((f) => Object.keys(f.modules ?? {})));
  const agreed: Record<string, InstalledModuleFacts> = { ...declared.modules };
  for (const name of names) {
    const seen = new Set(all.map((f) => JSON.stringify(f.modules?.[name] ?? null)));
    const [only] = all;
    const entry = only?.modules?.[name];
    if (seen.size === 1 && entry !== undefined) agreed[name] = entry;
  }
  return agreed;
}

/**
 * The JAR inspector's evidence for a module or plugin request: its file read from the artifact
 * folder and compared with what the facts say the nodes run (`modules`, by symbolic name). Other
 * requests have no artifact to inspect. A file that cannot be read is evidence too: its reason.
 */
export async function inspectRequestArtifacts(request: MaintenanceRequest, facts: ClusterFacts, reader: ArtifactReader): Promise<ArtifactEvidence> {
  if (request.kind !== 'module' && request.kind !== 'plugin') return {};
  const contents = await reader.read(request.file);
  if (!contents.ok) return { [request.file]: err(contents.error) };
  const modules = facts.modules ?? {};
  return { [request.file]: ok(inspectArtifact(request.file, contents.value, (name) => (name === undefined ? undefined : modules[name]))) };
}
