import type { MaintenanceRequest, Setting } from '../request/maintenance-request.ts';
import { isSecretKey, MASKED, maskSecret } from './mask-secret.ts';

const masked = (settings: readonly Setting[]): Setting[] => settings.map((s) => ({ key: s.key, value: maskSecret(s.key, s.value) }));

/** A system property option whose key names a secret (`-Djavax.net.ssl.trustStorePassword=…`): its value masked; any other option as it is. */
export function maskedJvmOption(option: string): string {
  const property = /^-D([^=]+)=/.exec(option);
  return property?.[1] !== undefined && isSecretKey(property[1]) ? `-D${property[1]}=${MASKED}` : option;
}

/**
 * The request as it may be shown to others: the values of property and config keys that name a
 * secret (`isSecretKey`), and of `-D` JVM options whose key does, replaced by the mask. For
 * display only: never run or stored in its place.
 */
export function maskedRequest(request: MaintenanceRequest): MaintenanceRequest {
  if ((request.kind === 'property' && request.action === 'set') || request.kind === 'config') return { ...request, settings: masked(request.settings) };
  if (request.kind === 'jvm') return { ...request, options: request.options.map(maskedJvmOption) };
  return request;
}
