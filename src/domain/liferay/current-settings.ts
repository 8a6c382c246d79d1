import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { readOsgiConfigValues } from './edit-osgi-config.ts';
import { readPortalProperties } from './edit-portal-properties.ts';
import { settingTarget, type CurrentSettings } from './setting-diff.ts';

/**
 * The current values of a property or config request's keys in the text of the file it edits
 * (`portal-ext.properties`, the pid's `.config`; an absent file reads as empty): only those keys,
 * so no other value of the file travels further. Undefined for requests that edit no such file.
 */
export function currentSettings(request: MaintenanceRequest, text: string): CurrentSettings | undefined {
  const target = settingTarget(request);
  if (target === undefined) return undefined;
  const values = request.kind === 'config' ? readOsgiConfigValues(text) : readPortalProperties(text);
  const out = new Map<string, string>();
  for (const [key] of target.keys) {
    const value = values.get(key);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}
