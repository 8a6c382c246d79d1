import { assertNever } from '../assert-never.ts';
import type { FactChange } from '../liferay/fact-changes.ts';
import type { ChangeAction } from './change-action.ts';

/**
 * Whether applying `action` to a node makes this kind of fact change itself, so a node the rollout
 * already changed may legitimately show it: a patch install or revert its patches; a module placed
 * in `osgi/modules` its modules; an `.lpkg` in `osgi/marketplace` (Commerce) its Commerce version;
 * a property change its `portal-ext.properties` digest; a config change the digest of that one
 * `osgi/configs/<pid>.config`; a Java update its Java. A plugin (a WAR in `deploy`) and JVM options
 * (setenv.sh) change no probed fact. Pure.
 */
export function changeAltersFact(action: ChangeAction, change: FactChange): boolean {
  switch (action.type) {
    case 'patch-install':
    case 'patch-revert':
      return change.fact === 'patches';
    case 'place-file':
      if (action.dir === 'osgi/modules') return change.fact === 'module';
      if (action.dir === 'osgi/marketplace') return change.fact === 'commerce';
      return false;
    case 'set-properties':
    case 'unset-properties':
      return change.fact === 'file' && change.path === 'portal-ext.properties';
    case 'set-osgi-config':
      return change.fact === 'file' && change.path === `osgi/configs/${action.pid}.config`;
    case 'jvm-options':
      return false;
    case 'java-home':
      return change.fact === 'java';
  }
  return assertNever(action, 'change action');
}
