import type { MaintenanceRequest } from '../request/maintenance-request.ts';

/** The request that undoes this one when there is a single such request (patches), else undefined. */
export function inverseRequest(request: MaintenanceRequest): MaintenanceRequest | undefined {
  switch (request.kind) {
    case 'fixpack':
    case 'hotfix':
      return { ...request, action: request.action === 'install' ? 'revert' : 'install', dryRun: false };
    default:
      return undefined;
  }
}
