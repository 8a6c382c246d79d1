import type { MaintenanceRequest, Setting } from './maintenance-request.ts';
import { assertNever } from '../assert-never.ts';
import { quoteWord } from './quote-word.ts';

const settingWords = (settings: readonly Setting[]): string => settings.map((s) => quoteWord(`${s.key}=${s.value}`)).join(' ');

/**
 * The canonical request text: what the parser accepts back (values quoted where they need it,
 * `portal.name="My Portal"`), and what messages quote.
 */
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
        ? `property set ${settingWords(request.settings)}`
        : `property unset ${request.keys.join(' ')}`;
    case 'config':
      return `config set ${request.pid} ${settingWords(request.settings)}`;
    case 'jvm':
      return `jvm ${request.action} ${request.options.map(quoteWord).join(' ')}`;
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
