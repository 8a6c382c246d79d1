import { posix } from 'node:path';
import { shellQuote } from '../domain/shell/shell-command.ts';
import type { CommandsConfig } from './commands-config.ts';

const escapeEre = (s: string): string => s.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');

/**
 * Default stop/forceStop/start for a Liferay Tomcat bundle (LIFERAY.md §4).
 * forceStop: `kill -9` of the pid in `$CATALINA_PID` (if set, as `catalina.sh stop -force` does), then
 * `pkill -9` of any java process started with this bundle's `-Dcatalina.base`; it succeeds only when
 * no such process is left. The escaped pattern (`catalina\.base`) never matches the shell running it.
 */
export function tomcatCommands(liferayHome: string, tomcatDir: string): Pick<CommandsConfig, 'stop' | 'forceStop' | 'start'> {
  const base = posix.join(liferayHome, tomcatDir);
  const pattern = shellQuote(`-Dcatalina\\.base=${escapeEre(base)}( |$)`);
  return {
    stop: shellQuote(`${base}/bin/shutdown.sh`),
    forceStop:
      'if [ -n "${CATALINA_PID:-}" ] && [ -s "$CATALINA_PID" ]; then kill -9 "$(cat "$CATALINA_PID")" 2>/dev/null; fi; ' +
      `pkill -9 -f -- ${pattern}; sleep 1; ! pgrep -f -- ${pattern} >/dev/null`,
    start: shellQuote(`${base}/bin/startup.sh`),
  };
}
