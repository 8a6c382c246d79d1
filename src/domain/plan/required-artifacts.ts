import { parsePatchId } from '../liferay/patch-id.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';

/** Artifact folder file names a change needs (uploaded to every node during preflight). */
export function requiredArtifacts(request: MaintenanceRequest): string[] {
  switch (request.kind) {
    case 'fixpack':
      return request.action === 'install' ? [`liferay-fix-pack-${request.patch}.zip`] : [];
    case 'hotfix': {
      const patch = parsePatchId(request.patch);
      return request.action === 'install' && patch !== undefined ? [`liferay-${patch.id}.zip`] : [];
    }
    case 'module':
    case 'plugin':
      return [request.file];
    case 'commerce':
      return [`liferay-commerce-${request.version}.lpkg`];
    default:
      return [];
  }
}
