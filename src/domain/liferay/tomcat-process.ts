import { shellQuote } from '../shell/shell-command.ts';

const escapeEre = (s: string): string => s.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');

/** A Liferay Tomcat bundle's process as the tools see it (LIFERAY.md §4). */
export interface TomcatProcess {
  /** `<liferayHome>/<tomcatDir>`. */
  readonly base: string;
  /**
   * Extended regular expression (pgrep/pkill -f) matching the command line of this bundle's JVM,
   * `-Dcatalina.base=<base>` with every ERE character escaped; the escaped `catalina\.base` never
   * matches the shell that runs pgrep/pkill with it.
   */
  readonly pattern: string;
  /** The default commands for a Tomcat bundle, as shell text. */
  readonly stop: string;
  /**
   * `kill -9` of the pid in `$CATALINA_PID` (if set, as `catalina.sh stop -force` does), then
   * `pkill -9` of any java process with this `-Dcatalina.base`; succeeds only when none is left.
   */
  readonly forceStop: string;
  readonly start: string;
}

/** The one place that knows how a Tomcat bundle's process is found, stopped and started. */
export function tomcatProcess(liferayHome: string, tomcatDir: string): TomcatProcess {
  const base = `${liferayHome.replace(/\/+$/, '')}/${tomcatDir}`;
  const pattern = `-Dcatalina\\.base=${escapeEre(base)}( |$)`;
  const quoted = shellQuote(pattern);
  return {
    base,
    pattern,
    stop: shellQuote(`${base}/bin/shutdown.sh`),
    forceStop:
      'if [ -n "${CATALINA_PID:-}" ] && [ -s "$CATALINA_PID" ]; then kill -9 "$(cat "$CATALINA_PID")" 2>/dev/null; fi; ' +
      `pkill -9 -f -- ${quoted}; sleep 1; ! pgrep -f -- ${quoted} >/dev/null`,
    start: shellQuote(`${base}/bin/startup.sh`),
  };
}
