import { assertNever } from '../assert-never.ts';
import type { RevertTarget } from '../eligibility/verdict.ts';
import { parsePatchId, patchZipName } from '../liferay/patch-id.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';

/**
 * Artifact folder file names a change needs (uploaded to every node during preflight). A fix pack
 * revert needs the zip of the level it goes back to (`revertTo`, the verdict's), none for GA.
 */
export function requiredArtifacts(request: MaintenanceRequest, revertTo?: RevertTarget): string[] {
  switch (request.kind) {
    case 'fixpack':
      if (request.action === 'install') return [`liferay-fix-pack-${request.patch}.zip`];
      return revertTo?.fixpack === undefined ? [] : [`liferay-fix-pack-${revertTo.fixpack}.zip`];
    case 'hotfix': {
      const patch = parsePatchId(request.patch);
      return request.action === 'install' && patch !== undefined ? [patchZipName(patch)] : [];
    }
    case 'module':
    case 'plugin':
      return [request.file];
    case 'commerce':
      return [`liferay-commerce-${request.version}.lpkg`];
    case 'property':
    case 'config':
    case 'jvm':
    case 'java':
    case 'release':
      return [];
  }
  return assertNever(request, 'request');
}
