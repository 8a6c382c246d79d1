import { assertNever } from '../assert-never.ts';
import { installedFixpack } from '../eligibility/installed-fixpack.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { parsePatchId } from '../liferay/patch-id.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { describeRequest } from '../request/describe-request.ts';
import { inverseRequest } from './inverse-request.ts';

/** The request that undoes a change on the nodes that already have it, or how to undo it by hand. */
export function wayBack(request: MaintenanceRequest, facts: ClusterFacts, backupDir: string): string {
  const on = `on ${request.cluster}`;
  const backups = `the pre-change files of every changed node are in ${backupDir}/files.tar on that node`;
  switch (request.kind) {
    case 'fixpack':
    case 'hotfix': {
      const inverse = `/liferay ${describeRequest(inverseRequest(request) ?? request)}`;
      if (request.kind !== 'fixpack' || request.action !== 'install') return inverse;
      // The revert goes back to the level the rollout started from (its facts, kept in its record).
      const patch = parsePatchId(request.patch);
      const before = patch === undefined ? { known: false as const } : installedFixpack(facts, patch.build);
      const to = before.known ? `back to ${before.fixpack?.id ?? 'no fix pack (GA)'}, ` : '';
      return `${inverse} (${to}if it is revertible), or re-run once the cause is fixed`;
    }
    case 'module':
    case 'plugin':
      return `remove ${request.file} from the updated nodes (${backups}), or re-run once the cause is fixed`;
    case 'property':
      return request.action === 'set' ? `/liferay property unset ${request.settings.map((s) => s.key).join(' ')} ${on} (or set the old values; ${backups})` : `set the removed keys again (${backups})`;
    case 'config':
      return `set the old values again (${backups})`;
    case 'jvm':
      return request.action === 'set' ? `/liferay jvm unset ${request.options.join(' ')} ${on} (or restore setenv.sh; ${backups})` : `/liferay jvm set ${request.options.join(' ')} ${on}`;
    case 'java':
      return facts.java === undefined ? `point JAVA_HOME back at the old JDK (${backups})` : `/liferay java update ${facts.java} ${on}`;
    case 'release':
    case 'commerce':
      return `restore the previous version (${backups})`;
    default:
      return assertNever(request, 'request');
  }
}
