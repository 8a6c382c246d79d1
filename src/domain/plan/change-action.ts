import type { Setting } from '../request/maintenance-request.ts';

/** What "apply the change" does on one stopped node, as data. Paths are relative to LIFERAY_HOME. */
export type ChangeAction =
  | {
      /** Put a fix pack or hotfix zip into patching-tool/patches and run `patching-tool.sh install`. */
      readonly type: 'patch-install';
      readonly patch: string;
      readonly zip: string;
      /** Other fix pack zips of this build to take out of patches/ first (fix packs are replaced, not stacked). */
      readonly removeZipsMatching: string | undefined;
      readonly clearWork: boolean;
    }
  | {
      /**
       * Take `zip` out of patches/, `patching-tool.sh revert` (which removes every patch), then install
       * what patches/ holds. A fix pack revert first puts the level before it back into patches/
       * (`restore`) and takes out every other fix pack zip of the build (`removeZipsMatching`), so it
       * lands on that level and never silently on GA; a hotfix revert leaves the fix pack zip in place.
       */
      readonly type: 'patch-revert';
      readonly patch: string;
      readonly zip: string;
      /** Fix packs: the previous fix pack (zip from the staging folder), undefined for GA; hotfixes: undefined. */
      readonly restore: { readonly patch: string; readonly zip: string } | undefined;
      /** Fix packs: the build's fix pack zips to take out of patches/ (all but restore's); hotfixes: undefined. */
      readonly removeZipsMatching: string | undefined;
      readonly clearWork: boolean;
    }
  | {
      /** Copy a staged artifact into a folder the node reads at start (never while it runs). */
      readonly type: 'place-file';
      readonly file: string;
      readonly dir: string;
      /** Older versions of the same artifact to remove (shell glob within dir), if any. */
      readonly replacesGlob: string | undefined;
    }
  | { readonly type: 'set-properties'; readonly settings: readonly Setting[] }
  | { readonly type: 'unset-properties'; readonly keys: readonly string[] }
  | { readonly type: 'set-osgi-config'; readonly pid: string; readonly settings: readonly Setting[] }
  | { readonly type: 'jvm-options'; readonly action: 'set' | 'unset'; readonly options: readonly string[]; readonly setenv: string }
  | { readonly type: 'java-home'; readonly javaHome: string; readonly major: number; readonly setenv: string };
