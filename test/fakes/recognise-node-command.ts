import type { NodeSpec } from '../../src/domain/plan/cluster-spec.ts';
import {
  applyCommand,
  backupCommand,
  fileSizeCommand,
  followFileCommand,
  homeExistsCommand,
  isRunningCommand,
  liferayLogCommand,
  probeCommand,
  readFileCommand,
  reinstallPatchesCommand,
  restoreCommand,
  stagedSha256Command,
  uploadToStagingCommand,
  writeFileCommand,
} from '../../src/domain/plan/node-commands.ts';
import { nodePaths, type NodePaths } from '../../src/domain/plan/node-paths.ts';
import { leftoverCommand, trackedCommand } from '../../src/domain/plan/tracked-command.ts';
import { rawShell, sh, type ShellCommand } from '../../src/domain/shell/shell-command.ts';

/**
 * Every command the rollout's steps send to a node, as data: what the scripted cluster answers.
 * Paths are absolute, as in the command.
 */
export type NodeCommand =
  /** `isRunningCommand`: pgrep for this home's Tomcat JVM. */
  | { readonly kind: 'is-running' }
  | { readonly kind: 'home-exists' }
  /** `probeCommand`: patching-tool info, then `--- java` and `java -version`. */
  | { readonly kind: 'probe' }
  /** verify-change's `patching-tool.sh info`. */
  | { readonly kind: 'patching-tool-info' }
  | { readonly kind: 'staged-sha256'; readonly file: string }
  | { readonly kind: 'upload'; readonly file: string }
  | { readonly kind: 'backup'; readonly rolloutId: string; readonly paths: readonly string[] }
  | { readonly kind: 'restore'; readonly rolloutId: string; readonly paths: readonly string[] }
  /** `applyCommand` of a patch-install. */
  | { readonly kind: 'patch-install'; readonly zip: string; readonly removeZipsMatching: string | undefined }
  /** `applyCommand` of a patch-revert. */
  | { readonly kind: 'patch-revert'; readonly zip: string; readonly restoreZip: string | undefined; readonly removeZipsMatching: string | undefined }
  /** `reinstallPatchesCommand`: Patching Tool after a restore. */
  | { readonly kind: 'reinstall-patches' }
  | { readonly kind: 'read-file'; readonly path: string }
  | { readonly kind: 'write-file'; readonly path: string }
  | { readonly kind: 'file-size'; readonly path: string }
  | { readonly kind: 'liferay-log' }
  /** `followFileCommand`: tail -F from a byte offset (1-based in the command, 0-based here). */
  | { readonly kind: 'follow'; readonly path: string; readonly fromByte: number; readonly pid: number | undefined }
  /** wait-started's look at catalina.out after the JVM died: the last 20 lines since the offset. */
  | { readonly kind: 'catalina-tail'; readonly path: string; readonly fromByte: number }
  | { readonly kind: 'leftover'; readonly waitSeconds: number }
  /** A command wrapped by `trackedCommand` (a marker names its step while it runs). */
  | { readonly kind: 'tracked'; readonly stepId: string; readonly inner: NodeCommand }
  /** The operator's commands from the cluster spec, matched by their exact text. */
  | { readonly kind: 'stop' | 'force-stop' | 'start' | 'drain' | 'enable' };

export type NodeCommandKind = NodeCommand['kind'];

const unquote = (word: string): string => (word.startsWith("'") && word.endsWith("'") ? word.slice(1, -1) : word);
const words = (text: string): string[] => (text.match(/'[^']*'|\S+/g) ?? []).map(unquote);
const rolloutIdOf = (backupDir: string): string | undefined => /\/\.rollout\/backup\/([^/]+)$/.exec(backupDir)?.[1];
/** globQuote's output back to the pattern (our patterns hold no quotes). */
const unglob = (quoted: string): string => quoted.replaceAll("'", '');

/**
 * Recognises a command by the real builders of src/domain/plan: a command with a parameter (a file,
 * an offset, a rollout id) has it read out, then is built again with that parameter and accepted
 * only when the text is exactly the same. So the fake answers only what the steps really send,
 * and a change to a command's text makes the fake refuse it instead of guessing. Undefined when
 * the text is none of them (the caller throws, naming the text).
 */
export function recogniseNodeCommand(text: string, node: NodeSpec, tomcatDir: string): NodeCommand | undefined {
  const p = nodePaths(node.liferayHome, tomcatDir, 'none');
  const is = (command: ShellCommand): boolean => command.text === text;
  const { commands } = node;
  if (text === commands.stop) return { kind: 'stop' };
  if (text === commands.forceStop) return { kind: 'force-stop' };
  if (text === commands.start) return { kind: 'start' };
  if (commands.drain !== undefined && text === commands.drain) return { kind: 'drain' };
  if (commands.enable !== undefined && text === commands.enable) return { kind: 'enable' };
  if (is(isRunningCommand(p))) return { kind: 'is-running' };
  if (is(homeExistsCommand(p))) return { kind: 'home-exists' };
  if (is(probeCommand(p))) return { kind: 'probe' };
  if (is(sh`cd ${p.patchingTool} && ./patching-tool.sh info`)) return { kind: 'patching-tool-info' };
  if (is(liferayLogCommand(p))) return { kind: 'liferay-log' };
  if (is(reinstallPatchesCommand(p, true)) || is(reinstallPatchesCommand(p, false))) return { kind: 'reinstall-patches' };

  const tracked = /^mkdir -p \S+ && echo "\$\$ "('[^']*'|\S+) > \S+\n\(\n([\s\S]*)\n\)\nrc=\$\?\n/.exec(text);
  if (tracked !== null) {
    const stepId = unquote(tracked[1] ?? '');
    const innerText = tracked[2] ?? '';
    const inner = recogniseNodeCommand(innerText, node, tomcatDir);
    return inner !== undefined && is(trackedCommand(p, stepId, rawShell(innerText))) ? { kind: 'tracked', stepId, inner } : undefined;
  }
  const leftover = /while \[ "\$i" -lt (\d+) \]/.exec(text);
  if (leftover !== null && is(leftoverCommand(p, Number(leftover[1])))) return { kind: 'leftover', waitSeconds: Number(leftover[1]) };

  const staged = /^if \[ -f \S+\/(\S+) \]; then sha256sum /.exec(text);
  if (staged !== null && is(stagedSha256Command(p, unquote(staged[1] ?? '')))) return { kind: 'staged-sha256', file: unquote(staged[1] ?? '') };
  const upload = /^mkdir -p \S+ && cat > \S+\/\.(\S+)\.part /.exec(text);
  if (upload !== null && is(uploadToStagingCommand(p, upload[1] ?? ''))) return { kind: 'upload', file: upload[1] ?? '' };
  const read = /^if \[ -f (\S+) \]; then cat /.exec(text);
  if (read !== null && is(readFileCommand(unquote(read[1] ?? '')))) return { kind: 'read-file', path: unquote(read[1] ?? '') };
  const size = /^if \[ -f (\S+) \]; then wc -c /.exec(text);
  if (size !== null && is(fileSizeCommand(unquote(size[1] ?? '')))) return { kind: 'file-size', path: unquote(size[1] ?? '') };
  const write = /^set -e\nmkdir -p "\$\(dirname (\S+)\)"/.exec(text);
  if (write !== null && is(writeFileCommand(unquote(write[1] ?? '')))) return { kind: 'write-file', path: unquote(write[1] ?? '') };
  const follow = /^tail -c \+(\d+) -F (?:--pid=(\d+) )?(\S+) 2>\/dev\/null/.exec(text);
  if (follow !== null) {
    const fromByte = Number(follow[1]) - 1;
    const pid = follow[2] === undefined ? undefined : Number(follow[2]);
    const path = unquote(follow[3] ?? '');
    if (is(followFileCommand(path, fromByte, pid))) return { kind: 'follow', path, fromByte, pid };
  }
  const tail = /^tail -c \+(\d+) (\S+) \| tail -n 20$/.exec(text);
  if (tail !== null && is(sh`tail -c +${Number(tail[1])} ${unquote(tail[2] ?? '')} | tail -n 20`)) return { kind: 'catalina-tail', path: unquote(tail[2] ?? ''), fromByte: Number(tail[1]) - 1 };

  const backup = /^set -e\ncd \S+\nif \[ (?:! )?-f (\S+)\/complete \]; then [\s\S]*?\nfor path in ([^;]*); do/.exec(text);
  const backupId = rolloutIdOf(unquote(backup?.[1] ?? ''));
  if (backup !== null && backupId !== undefined) {
    const paths = words(backup[2] ?? '');
    const at: NodePaths = nodePaths(node.liferayHome, tomcatDir, backupId);
    if (is(backupCommand(at, paths))) return { kind: 'backup', rolloutId: backupId, paths };
    if (is(restoreCommand(at, paths))) return { kind: 'restore', rolloutId: backupId, paths };
  }

  if (text.startsWith(`set -e\ncd ${p.patchingTool}\nmkdir -p patches\n`)) {
    const put = [...text.matchAll(/^cp \S+\/\.rollout\/staging\/(\S+) patches\//gm)].map((m) => m[1] ?? '');
    const glob = /^for old in patches\/(\S+); do/m.exec(text)?.[1];
    const removeZipsMatching = glob === undefined ? undefined : unglob(glob);
    const removed = /^rm -f patches\/(\S+)$/m.exec(text)?.[1];
    for (const clearWork of [true, false]) {
      if (removed === undefined && put[0] !== undefined && is(applyCommand(p, { type: 'patch-install', patch: 'any', zip: put[0], removeZipsMatching, clearWork }) ?? rawShell(''))) {
        return { kind: 'patch-install', zip: put[0], removeZipsMatching };
      }
      if (removed !== undefined) {
        const restore = put[0] === undefined ? undefined : { patch: 'any', zip: put[0] };
        if (is(applyCommand(p, { type: 'patch-revert', patch: 'any', zip: removed, restore, removeZipsMatching, clearWork }) ?? rawShell(''))) {
          return { kind: 'patch-revert', zip: removed, restoreZip: put[0], removeZipsMatching };
        }
      }
    }
  }
  return undefined;
}
