import { assertNever } from '../assert-never.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';

/** The request that undoes this one when there is a single such request (patches), else undefined. */
export function inverseRequest(request: MaintenanceRequest): MaintenanceRequest | undefined {
  switch (request.kind) {
    case 'fixpack':
    case 'hotfix':
      return { ...request, action: request.action === 'install' ? 'revert' : 'install', dryRun: false };
    case 'module':
    case 'plugin':
    case 'property':
    case 'config':
    case 'jvm':
    case 'java':
    case 'release':
    case 'commerce':
      return undefined;
  }
  return assertNever(request, 'request');
}
