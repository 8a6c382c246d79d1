import { assertNever } from '../assert-never.ts';
import { installedFixpack } from '../eligibility/installed-fixpack.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { parsePatchId } from '../liferay/patch-id.ts';
import type { NodePaths } from '../plan/node-paths.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { shownRequestText } from '../liferay/shown-request-text.ts';
import { command, text, type RichText } from '../text/rich-text.ts';
import { inverseRequest } from './inverse-request.ts';

/**
 * How to undo a change on the nodes that already have it: by a request when one undoes it (`request`:
 * a patch's install/revert, `jvm unset`, `property unset`, the Java before), else by restoring the
 * pre-change files from the backup. `text` says it in words (the request as a command), for the rollout's summary.
 */
export type WayBack =
  | { readonly kind: 'request'; readonly request: MaintenanceRequest; readonly backup: string; readonly text: RichText }
  | { readonly kind: 'restore'; readonly backup: string; readonly text: RichText };

/** The way back for every change kind; the backup folder is the node paths' (`NodePaths.backup`). */
export function wayBack(request: MaintenanceRequest, facts: ClusterFacts, paths: Pick<NodePaths, 'backup'>): WayBack {
  const backup = paths.backup;
  const backups = `the pre-change files of every changed node are in ${backup}/files.tar on that node`;
  const common = { cluster: request.cluster, dryRun: false } as const;
  const byRequest = (inverse: MaintenanceRequest, tail = ''): WayBack => ({ kind: 'request', request: inverse, backup, text: text`${command(shownRequestText(inverse))}${tail}` });
  const restore = (words: string): WayBack => ({ kind: 'restore', backup, text: text`${words}` });
  switch (request.kind) {
    case 'fixpack':
    case 'hotfix': {
      const inverse = inverseRequest(request) ?? request;
      if (request.kind !== 'fixpack' || request.action !== 'install') return byRequest(inverse);
      // The revert goes back to the level the rollout started from (its facts, kept in its record).
      const patch = parsePatchId(request.patch);
      const before = patch === undefined ? { known: false as const } : installedFixpack(facts, patch.build);
      const to = before.known ? `back to ${before.fixpack?.id ?? 'no fix pack (GA)'}, ` : '';
      return byRequest(inverse, ` (${to}if it is revertible), or re-run once the cause is fixed`);
    }
    case 'module':
    case 'plugin':
      return restore(`remove ${request.file} from the updated nodes (${backups}), or re-run once the cause is fixed`);
    case 'property':
      return request.action === 'set'
        ? byRequest({ kind: 'property', action: 'unset', keys: request.settings.map((s) => s.key), ...common }, ` (or set the old values; ${backups})`)
        : restore(`set the removed keys again (${backups})`);
    case 'config':
      return restore(`set the old values again (${backups})`);
    case 'jvm':
      return request.action === 'set'
        ? byRequest({ kind: 'jvm', action: 'unset', options: request.options, ...common }, ` (or restore setenv.sh; ${backups})`)
        : byRequest({ kind: 'jvm', action: 'set', options: request.options, ...common });
    case 'java':
      return facts.java === undefined
        ? restore(`point JAVA_HOME back at the old JDK (${backups})`)
        : byRequest({ kind: 'java', action: 'update', version: facts.java, ...common });
    case 'release':
    case 'commerce':
      return restore(`restore the previous version (${backups})`);
  }
  return assertNever(request, 'request');
}
