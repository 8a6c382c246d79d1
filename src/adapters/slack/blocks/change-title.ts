import { maskedRequest } from '../../../domain/liferay/masked-request.ts';
import type { MaintenanceRequest } from '../../../domain/request/maintenance-request.ts';
import { cutLine } from './cut-text.ts';

/** `a, b and 2 more`: the first names, then how many are left out. */
function some(names: readonly string[], shown = 2): string {
  const first = names.slice(0, shown).join(', ');
  return names.length > shown ? `${first} and ${names.length - shown} more` : first;
}

const keysOf = (settings: ReadonlyArray<{ readonly key: string }>): string[] => settings.map((s) => s.key);
const s = (n: number): string => (n === 1 ? '' : 's');

/**
 * What a request changes, in words a reader takes in at a glance (plain text: a header's):
 * `Fix pack dxp-17-7110`, `Revert hotfix hotfix-4445-7110`, `Module update x.jar`,
 * `Properties session.timeout, a.b and 1 more`. Values stay out (they are in the command line).
 */
export function changeTitle(given: MaintenanceRequest): string {
  const request = maskedRequest(given);
  switch (request.kind) {
    case 'fixpack':
      return request.action === 'install' ? `Fix pack ${request.patch}` : `Revert fix pack ${request.patch}`;
    case 'hotfix':
      return request.action === 'install' ? `Hotfix ${request.patch}` : `Revert hotfix ${request.patch}`;
    case 'module':
    case 'plugin':
      return `${request.kind === 'module' ? 'Module' : 'Plugin'} ${request.action} ${request.file}`;
    case 'property':
      return request.action === 'set'
        ? `Propert${request.settings.length === 1 ? 'y' : 'ies'} ${some(keysOf(request.settings))}`
        : `Unset propert${request.keys.length === 1 ? 'y' : 'ies'} ${some(request.keys)}`;
    case 'config':
      return `OSGi config ${request.pid}: ${some(keysOf(request.settings))}`;
    case 'jvm':
      return `${request.action === 'set' ? 'JVM option' : 'Remove JVM option'}${s(request.options.length)} ${some(request.options)}`;
    case 'java':
      return `Java ${request.version}`;
    case 'release':
      return `Release ${request.release}`;
    case 'commerce':
      return `Commerce ${request.version}`;
  }
}

/** `🔧 Fix pack dxp-17-7110 → prod` within `max` characters: the change is cut, the cluster is kept. */
export function requestHeadline(request: MaintenanceRequest, max: number): string {
  const tail = ` → ${request.cluster}${request.dryRun ? ' (dry run)' : ''}`;
  return `🔧 ${cutLine(changeTitle(request), Math.max(1, max - tail.length - 3))}${tail}`;
}
