import type { ArtifactEvidence } from '../domain/eligibility/eligibility-input.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { inspectArtifact } from '../domain/liferay/jar/inspect-artifact.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import { err, ok } from '../domain/result.ts';
import type { ArtifactReader } from './ports.ts';

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
