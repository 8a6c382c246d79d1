import { parseJavaVersion } from '../liferay/java-version.ts';
import type { RevertTarget } from '../eligibility/verdict.ts';
import { parsePatchId, patchZipName } from '../liferay/patch-id.ts';
import type { ClusterSpec } from './cluster-spec.ts';
import type { ChangeAction } from './change-action.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { err, ok, type Result } from '../result.ts';
import { assertNever } from '../assert-never.ts';

/** `acme-blog-1.2.0.jar` -> `acme-blog-*.jar`: the other versions of the same artifact. */
function versionGlob(file: string): string | undefined {
  const match = /^(.+?)-\d+(?:\.\d+)*(?:[-.][A-Za-z0-9]+)*\.(jar|war|lpkg)$/.exec(file);
  return match === null ? undefined : `${match[1]}-[0-9]*.${match[2]}`;
}

/** The zip of a fix pack or hotfix id, as the artifact folder and patches/ hold it. */
export function patchZip(id: string): string {
  const patch = parsePatchId(id);
  if (patch !== undefined) return patchZipName(patch);
  return id.startsWith('hotfix-') ? `liferay-${id}.zip` : `liferay-fix-pack-${id}.zip`;
}

/**
 * How the change is applied on a stopped node of this cluster; an error when it cannot be done by
 * this tool. A fix pack revert needs `revertTo`, the level before the fix pack (the verdict's).
 */
export function changeActionFor(request: MaintenanceRequest, cluster: ClusterSpec, revertTo?: RevertTarget): Result<ChangeAction, string> {
  const setenv = `${cluster.tomcatDir}/bin/setenv.sh`;
  const clearWork = ['dxp-7.0', 'dxp-7.1', 'dxp-7.2'].includes(cluster.product);
  switch (request.kind) {
    case 'fixpack': {
      const patch = parsePatchId(request.patch);
      if (patch === undefined || patch.kind !== 'fixpack') return err(`"${request.patch}" is not a fix pack id`);
      const zip = patchZip(patch.id);
      const removeZipsMatching = `liferay-fix-pack-${patch.family}-*-${patch.build}.zip`;
      if (request.action === 'install') return ok({ type: 'patch-install', patch: patch.id, zip, removeZipsMatching, clearWork });
      if (revertTo === undefined) {
        return err(`the fix pack level before ${patch.id} is unknown, so there is no level to go back to: declare it ("fixpackBefore" in the facts) and ask again`);
      }
      const restore = revertTo.fixpack === undefined ? undefined : { patch: revertTo.fixpack, zip: patchZip(revertTo.fixpack) };
      return ok({ type: 'patch-revert', patch: patch.id, zip, restore, removeZipsMatching, clearWork });
    }
    case 'hotfix': {
      const patch = parsePatchId(request.patch);
      if (patch === undefined || patch.kind !== 'hotfix') return err(`"${request.patch}" is not a hotfix id`);
      const zip = patchZip(patch.id);
      return ok(
        request.action === 'install'
          ? { type: 'patch-install', patch: patch.id, zip, removeZipsMatching: undefined, clearWork }
          : { type: 'patch-revert', patch: patch.id, zip, restore: undefined, removeZipsMatching: undefined, clearWork },
      );
    }
    case 'module':
      return ok({ type: 'place-file', file: request.file, dir: request.file.endsWith('.lpkg') ? 'osgi/marketplace' : 'osgi/modules', replacesGlob: versionGlob(request.file) });
    case 'plugin':
      return ok({ type: 'place-file', file: request.file, dir: 'deploy', replacesGlob: undefined });
    case 'commerce':
      return ok({ type: 'place-file', file: `liferay-commerce-${request.version}.lpkg`, dir: 'osgi/marketplace', replacesGlob: 'liferay-commerce-[0-9]*.lpkg' });
    case 'property':
      return ok(request.action === 'set' ? { type: 'set-properties', settings: request.settings } : { type: 'unset-properties', keys: request.keys });
    case 'config':
      return ok({ type: 'set-osgi-config', pid: request.pid, settings: request.settings });
    case 'jvm':
      return ok({ type: 'jvm-options', action: request.action, options: request.options, setenv });
    case 'java': {
      const version = parseJavaVersion(request.version);
      if (version === undefined) return err(`"${request.version}" is not a Java version`);
      const javaHome = cluster.javaHomes[String(version.major)];
      if (javaHome === undefined) {
        return err(`the inventory names no JDK for Java ${version.major} on ${cluster.name} (javaHomes: ${Object.keys(cluster.javaHomes).join(', ') || 'none'}): install it on the nodes and add it`);
      }
      return ok({ type: 'java-home', javaHome, major: version.major, setenv });
    }
    case 'release':
      return err('release updates (bundle replacement) are not supported yet: this tool does not replace a 7.4 bundle; do it by hand with the whole cluster down');
  }
  return assertNever(request, 'request');
}

/** Files and folders (relative to LIFERAY_HOME) a change touches: what is backed up before it is applied. */
export function touchedPaths(action: ChangeAction): string[] {
  switch (action.type) {
    case 'patch-install':
    case 'patch-revert':
      return ['patching-tool/patches'];
    case 'place-file':
      return [action.dir];
    case 'set-properties':
    case 'unset-properties':
      return ['portal-ext.properties'];
    case 'set-osgi-config':
      return [`osgi/configs/${action.pid}.config`];
    case 'jvm-options':
    case 'java-home':
      return [action.setenv];
  }
  return assertNever(action, 'change action');
}
