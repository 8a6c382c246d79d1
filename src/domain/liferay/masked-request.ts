import type { MaintenanceRequest, Setting } from '../request/maintenance-request.ts';
import { maskSecret } from './mask-secret.ts';

const masked = (settings: readonly Setting[]): Setting[] => settings.map((s) => ({ key: s.key, value: maskSecret(s.key, s.value) }));

/**
 * The request as it may be shown to others: the values of property and config keys that name a
 * secret (`isSecretKey`) replaced by the mask. For display only: never run or stored in its place.
 */
export function maskedRequest(request: MaintenanceRequest): MaintenanceRequest {
  if ((request.kind === 'property' && request.action === 'set') || request.kind === 'config') return { ...request, settings: masked(request.settings) };
  return request;
}
