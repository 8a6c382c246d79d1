import { assertNever } from '../assert-never.ts';
import { installedFixpack } from '../eligibility/installed-fixpack.ts';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { compareFixpacks, parsePatchId } from '../liferay/patch-id.ts';
import { compareJavaVersions, parseJavaVersion } from '../liferay/java-version.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import type { ChangeNeed } from './change-need.ts';

const done = (detail: string): ChangeNeed => ({ kind: 'done', detail });
const needed = (detail: string): ChangeNeed => ({ kind: 'needed', detail });
const unknown = (detail: string): ChangeNeed => ({ kind: 'unknown', detail });

/**
 * Does a node with these (probed) facts still need the request's change? Answered for patches and
 * Java, the facts a probe reads; undefined for other kinds (the node's files must be looked at).
 * A revert is needed where the patch is installed: a node already below a reverted fix pack has
 * nothing to revert; a node above it needs the request (and the verdict for its level refuses it).
 */
export function needFromFacts(request: MaintenanceRequest, facts: ClusterFacts): ChangeNeed | undefined {
  switch (request.kind) {
    case 'fixpack': {
      const target = parsePatchId(request.patch);
      if (target === undefined) return undefined;
      const installed = installedFixpack(facts, target.build);
      if (!installed.known) return unknown('its installed patches are not known');
      const current = installed.fixpack;
      if (request.action === 'install') {
        return current?.id === target.id ? done(`already has ${target.id}`) : needed(`has ${current?.id ?? 'no fix pack'}`);
      }
      if (current === undefined || (current.kind === target.kind && compareFixpacks(current, target) < 0)) {
        return done(`has no ${target.id} to revert (installed: ${current?.id ?? 'no fix pack'})`);
      }
      return needed(`has ${current.id}`);
    }
    case 'hotfix': {
      const target = parsePatchId(request.patch);
      if (target === undefined) return undefined;
      if (facts.patches === undefined) return unknown('its installed patches are not known');
      const present = facts.patches.some((p) => parsePatchId(p)?.id === target.id);
      if (request.action === 'install') return present ? done(`already has ${target.id}`) : needed(`has no ${target.id}`);
      return present ? needed(`has ${target.id}`) : done(`has no ${target.id} to revert`);
    }
    case 'java': {
      const target = parseJavaVersion(request.version);
      if (target === undefined) return undefined;
      const current = facts.java === undefined ? undefined : parseJavaVersion(facts.java);
      if (current === undefined) return unknown('the Java it runs is not known');
      return compareJavaVersions(current, target) === 0 ? done(`already runs Java ${current.raw}`) : needed(`runs Java ${current.raw}`);
    }
    case 'module':
    case 'plugin':
    case 'property':
    case 'config':
    case 'jvm':
    case 'release':
    case 'commerce':
      return undefined;
  }
  return assertNever(request, 'request');
}
