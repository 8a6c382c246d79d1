import type { MaintenanceRequest } from './maintenance-request.ts';
import { assertNever } from '../assert-never.ts';

/** The canonical request text: what the parser accepts back, and what messages quote. */
export function describeChange(request: MaintenanceRequest): string {
  switch (request.kind) {
    case 'fixpack':
    case 'hotfix':
      return `${request.kind} ${request.action} ${request.patch}`;
    case 'module':
    case 'plugin':
      return `${request.kind} ${request.action} ${request.file}`;
    case 'property':
      return request.action === 'set'
        ? `property set ${request.settings.map((s) => `${s.key}=${s.value}`).join(' ')}`
        : `property unset ${request.keys.join(' ')}`;
    case 'config':
      return `config set ${request.pid} ${request.settings.map((s) => `${s.key}=${s.value}`).join(' ')}`;
    case 'jvm':
      return `jvm ${request.action} ${request.options.join(' ')}`;
    case 'java':
      return `java update ${request.version}`;
    case 'release':
      return `release update ${request.release}`;
    case 'commerce':
      return `commerce update ${request.version}`;
  }
  return assertNever(request, 'request');
}

export function describeRequest(request: MaintenanceRequest): string {
  const flags = [request.schema === undefined ? '' : ` --schema ${request.schema}`, request.dryRun ? ' --dry-run' : ''].join('');
  return `${describeChange(request)} on ${request.cluster}${flags}`;
}
