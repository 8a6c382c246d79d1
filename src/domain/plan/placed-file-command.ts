import { sh, shGlob, type ShellCommand } from '../shell/shell-command.ts';
import type { ChangeAction } from './change-action.ts';
import type { NodePaths } from './node-paths.ts';

type PlaceFile = Extract<ChangeAction, { type: 'place-file' }>;

/**
 * What a node holds of a file-placing change, one line each: `placed <sha256>` for the file in its
 * folder, `deployed <sha256>` for a WAR Liferay moved to osgi/war, `other <path>` for every other
 * version of the same artifact (which the change would remove). Read-only.
 */
export const placedFileCommand = (p: NodePaths, change: PlaceFile): ShellCommand => {
  const placed = `${change.dir}/${change.file}`;
  const deployed = `osgi/war/${change.file}`;
  const others =
    change.replacesGlob === undefined
      ? sh`:`
      : sh`for old in ${change.dir}/${shGlob(change.replacesGlob)}; do if [ -e "$old" ] && [ "$old" != ${placed} ]; then echo "other $old"; fi; done`;
  return sh`cd ${p.home} || exit 1
if [ -f ${placed} ]; then printf 'placed '; sha256sum < ${placed}; fi
${change.dir === 'deploy' ? sh`if [ -f ${deployed} ]; then printf 'deployed '; sha256sum < ${deployed}; fi` : sh`:`}
${others}
true`;
};
