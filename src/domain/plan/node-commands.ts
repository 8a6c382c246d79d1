import { assertNever } from '../assert-never.ts';
import { sh, shGlob, type ShellCommand } from '../shell/shell-command.ts';
import type { ChangeAction } from './change-action.ts';
import type { NodePaths } from './node-paths.ts';

/**
 * The shell commands a step runs on a node. Every value is quoted by `sh`; only the literal text
 * here is ours. Each command is safe to run again (the steps are idempotent).
 */

/** Prints the PIDs of this home's Tomcat JVM; exit 1 when none runs. */
export const isRunningCommand = (p: NodePaths): ShellCommand => sh`pgrep -f -- ${p.processPattern}`;

export const homeExistsCommand = (p: NodePaths): ShellCommand => sh`test -d ${p.home} && test -d ${p.tomcat} && echo ok`;

/**
 * One zip entry to stdout without unpacking the archive (`unzip -p`, else Python's zipfile, else
 * bsdtar); `--- no-zip-reader` when the node has none of them. Defines `read_entry ARCHIVE ENTRY`.
 */
const READ_ENTRY = sh`read_entry() {
  if command -v unzip >/dev/null 2>&1; then unzip -p "$1" "$2" 2>/dev/null
  elif command -v python3 >/dev/null 2>&1; then python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8", "replace"))' "$1" "$2" 2>/dev/null
  elif command -v bsdtar >/dev/null 2>&1; then bsdtar -xOf "$1" "$2" 2>/dev/null
  else echo "--- no-zip-reader"; fi
}`;

/**
 * Everything the rules read from a node, in one command, sections marked `--- <name>`
 * (`parseNodeProbe` reads them): `patching-tool.sh info`; the Java the node's Tomcat would use
 * (setenv.sh's JAVA_HOME, else PATH); each `osgi/modules` JAR's manifest (only that entry is read
 * on the node, never the JAR sent); each Commerce `.lpkg` of `osgi/marketplace` with its
 * `liferay-marketplace.properties`; sha256 of `portal-ext.properties` and of each `osgi/configs` file;
 * the installed release from the bundle's `.liferay-version` (`release`, see `parseNodeProbe`).
 */
export const probeCommand = (p: NodePaths): ShellCommand =>
  sh`cd ${p.home} || exit 1
if [ -x ${p.patchingTool}/patching-tool.sh ]; then (cd ${p.patchingTool} && ./patching-tool.sh info) 2>&1; else echo "no patching tool"; fi
echo "--- java"
( [ -f ${p.tomcat}/bin/setenv.sh ] && . ${p.tomcat}/bin/setenv.sh >/dev/null 2>&1; if [ -n "$JAVA_HOME" ]; then "$JAVA_HOME/bin/java" -version; else java -version; fi ) 2>&1 | head -n 3
echo "--- release"
if [ -f .liferay-version ]; then head -c 200 .liferay-version; echo; fi
${READ_ENTRY}
echo "--- modules"
for f in osgi/modules/*.jar; do [ -f "$f" ] || continue; echo "--- jar \${f#osgi/modules/}"; read_entry "$f" META-INF/MANIFEST.MF; echo; done
echo "--- marketplace"
for f in osgi/marketplace/*.lpkg; do [ -f "$f" ] || continue; case "$f" in *[Cc]ommerce*) echo "--- lpkg \${f#osgi/marketplace/}"; read_entry "$f" liferay-marketplace.properties; echo ;; esac; done
echo "--- digests"
for f in portal-ext.properties osgi/configs/*; do [ -f "$f" ] && sha256sum "$f"; done
echo "--- end"
true`;

/** `<sha256>  <file>` of a staged file, or nothing when it is not there. */
export const stagedSha256Command = (p: NodePaths, file: string): ShellCommand => sh`if [ -f ${p.staging}/${file} ]; then sha256sum ${p.staging}/${file}; fi`;

/** Receives a file on stdin into the staging folder (atomically) and prints its sha256. */
export const uploadToStagingCommand = (p: NodePaths, file: string): ShellCommand =>
  sh`mkdir -p ${p.staging} && cat > ${p.staging}/.${file}.part && mv -f ${p.staging}/.${file}.part ${p.staging}/${file} && sha256sum ${p.staging}/${file}`;

/** Copies the touched paths once per rollout; a second run keeps the first (pre-change) copy. */
export const backupCommand = (p: NodePaths, paths: readonly string[]): ShellCommand =>
  sh`set -e
cd ${p.home}
if [ -f ${p.backup}/complete ]; then echo "backup already taken"; exit 0; fi
rm -rf ${p.backup} && mkdir -p ${p.backup}
: > ${p.backup}/absent
for path in ${paths}; do
  if [ -e "$path" ]; then tar -rf ${p.backup}/files.tar "$path"; else echo "$path" >> ${p.backup}/absent; fi
done
touch ${p.backup}/complete
echo "backed up: ${paths.join(' ')}"`;

/** Puts the touched paths back as they were before the change (removing what did not exist). */
export const restoreCommand = (p: NodePaths, paths: readonly string[]): ShellCommand =>
  sh`set -e
cd ${p.home}
if [ ! -f ${p.backup}/complete ]; then echo "no complete backup in ${p.backup}: nothing was changed"; exit 0; fi
for path in ${paths}; do rm -rf "$path"; done
if [ -f ${p.backup}/files.tar ]; then tar -xf ${p.backup}/files.tar; fi
echo "restored from ${p.backup}"`;

const clearCaches = (p: NodePaths, clearWork: boolean): ShellCommand =>
  clearWork ? sh`rm -rf ${p.home}/osgi/state && rm -rf ${p.home}/work && mkdir -p ${p.home}/work` : sh`rm -rf ${p.home}/osgi/state`;

/** Patching Tool after a restore: back to exactly what patches/ holds. */
export const reinstallPatchesCommand = (p: NodePaths, clearWork: boolean): ShellCommand =>
  sh`set -e
cd ${p.patchingTool}
./patching-tool.sh revert
if ls patches/*.zip >/dev/null 2>&1; then ./patching-tool.sh install; fi
${clearCaches(p, clearWork)}`;

/** In patching-tool/: removes the zips in patches/ matching `glob` except `keep` (nothing when no glob). */
const removeOtherZips = (glob: string | undefined, keep: string | undefined): ShellCommand =>
  glob === undefined
    ? sh`:`
    : sh`for old in patches/${shGlob(glob)}; do [ -e "$old" ] && ${keep === undefined ? sh`:` : sh`[ "$old" != patches/${keep} ]`} && rm -f "$old"; done`;

/** In patching-tool/: copies a staged zip into patches/ atomically. */
const putZip = (p: NodePaths, zip: string): ShellCommand => sh`cp ${p.staging}/${zip} patches/.${zip}.part && mv -f patches/.${zip}.part patches/${zip}`;

/** Applies a file-placing or Patching Tool change (the edits of text files are done by the runner). */
export function applyCommand(p: NodePaths, change: ChangeAction): ShellCommand | undefined {
  switch (change.type) {
    case 'patch-install':
      return sh`set -e
cd ${p.patchingTool}
mkdir -p patches
${removeOtherZips(change.removeZipsMatching, change.zip)}
${putZip(p, change.zip)}
./patching-tool.sh install
${clearCaches(p, change.clearWork)}`;
    case 'patch-revert':
      return sh`set -e
cd ${p.patchingTool}
mkdir -p patches
rm -f patches/${change.zip}
${removeOtherZips(change.removeZipsMatching, change.restore?.zip)}
${change.restore === undefined ? sh`:` : putZip(p, change.restore.zip)}
./patching-tool.sh revert
if ls patches/*.zip >/dev/null 2>&1; then ./patching-tool.sh install; fi
${clearCaches(p, change.clearWork)}`;
    case 'place-file':
      return sh`set -e
cd ${p.home}
mkdir -p ${change.dir}
${change.replacesGlob === undefined ? sh`:` : sh`for old in ${change.dir}/${shGlob(change.replacesGlob)}; do [ -e "$old" ] && [ "$old" != ${change.dir}/${change.file} ] && rm -f "$old" && echo "removed $old"; done`}
cp ${p.staging}/${change.file} ${change.dir}/.${change.file}.part && mv -f ${change.dir}/.${change.file}.part ${change.dir}/${change.file}
echo "placed ${change.dir}/${change.file}"`;
    case 'set-properties':
    case 'unset-properties':
    case 'set-osgi-config':
    case 'jvm-options':
    case 'java-home':
      return undefined;
  }
  return assertNever(change, 'change action');
}

/** Reads a text file; prints nothing (exit 0) when it does not exist yet. */
export const readFileCommand = (path: string): ShellCommand => sh`if [ -f ${path} ]; then cat ${path}; fi`;

/** Writes stdin to a file atomically, keeping the old file's mode. */
export const writeFileCommand = (path: string): ShellCommand =>
  sh`set -e
mkdir -p "$(dirname ${path})"
cat > ${path}.rollout-tmp
if [ -f ${path} ]; then chmod --reference=${path} ${path}.rollout-tmp 2>/dev/null || true; fi
mv -f ${path}.rollout-tmp ${path}`;

/** Size of a file in bytes (0 when absent): where to start following it. */
export const fileSizeCommand = (path: string): ShellCommand => sh`if [ -f ${path} ]; then wc -c < ${path}; else echo 0; fi`;

/** Today's Liferay log on the node and its size. */
export const liferayLogCommand = (p: NodePaths): ShellCommand =>
  sh`f=${p.logs}/liferay.$(date +%Y-%m-%d).log; if [ -f "$f" ]; then echo "$f $(wc -c < "$f")"; else echo "$f 0"; fi`;

/**
 * Streams a file from a byte offset on, following it as it grows (and when it is created). With a
 * pid, the stream ends when that process exits (GNU tail --pid), so a JVM that dies during startup
 * is seen at once; a tail without --pid falls back to following until the time-out.
 */
export const followFileCommand = (path: string, fromByte: number, pid?: number): ShellCommand =>
  pid === undefined
    ? sh`tail -c +${fromByte + 1} -F ${path} 2>/dev/null`
    : sh`tail -c +${fromByte + 1} -F --pid=${pid} ${path} 2>/dev/null || exec tail -c +${fromByte + 1} -F ${path} 2>/dev/null`;

export const javaExistsCommand = (javaHome: string): ShellCommand => sh`test -x ${javaHome}/bin/java && ${javaHome}/bin/java -version 2>&1 | head -n 1`;
