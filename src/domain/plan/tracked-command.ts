import { sh, type ShellCommand } from '../shell/shell-command.ts';
import type { NodePaths } from './node-paths.ts';

const activeFile = (p: NodePaths): string => `${p.home}/.rollout/active-step`;

/**
 * Runs a command that changes the node with a marker naming its process group and step, removed when
 * it ends. A run that dies (the bot killed, the SSH session lost) leaves the marker behind, so the
 * next run can tell whether the command is still working there (OpenSSH lets a Patching Tool install
 * go on after its session died) before it touches the node.
 */
export const trackedCommand = (p: NodePaths, stepId: string, command: ShellCommand): ShellCommand =>
  sh`mkdir -p ${p.home}/.rollout && echo "$$ "${stepId} > ${activeFile(p)}
(
${command}
)
rc=$?
rm -f ${activeFile(p)}
exit $rc`;

/**
 * What a dead run left working on the node: nothing (`none`), a marker whose processes are gone
 * (`stale <step>`), or a command still running, which is waited for up to `waitSeconds` and then
 * stopped (`waited <n> s for <step>` / `killed <step> after <n> s`). Always exit 0.
 */
export const leftoverCommand = (p: NodePaths, waitSeconds: number): ShellCommand =>
  sh`f=${activeFile(p)}
if [ ! -f "$f" ]; then echo none; exit 0; fi
read -r pid step < "$f" || true
alive() { [ -n "$pid" ] && { kill -0 "$pid" 2>/dev/null || pgrep -g "$pid" >/dev/null 2>&1; }; }
if ! alive; then rm -f "$f"; echo "stale $step"; exit 0; fi
i=0
while [ "$i" -lt ${waitSeconds} ] && alive; do sleep 1; i=$((i + 1)); done
if alive; then
  kill -TERM -- "-$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null; sleep 2
  kill -KILL -- "-$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null
  rm -f "$f"; echo "killed $step after $i s"; exit 0
fi
rm -f "$f"
echo "waited $i s for $step to end"`;
