/**
 * Faults of one simulated node, stored as JSON in `<home>/.sim/faults.json` and re-read by the
 * simulator whenever they matter (so they can be changed while the node runs).
 */
export interface NodeFaults {
  /** The startup line never appears and health stays 503 (read at start and when startup would complete). */
  readonly startupNeverCompletes?: boolean;
  /** The JVM logs a SEVERE error and exits during startup (read at start). */
  readonly crashesOnStartup?: boolean;
  /** `/c/portal/layout` answers this status instead of 200 once started (e.g. 500). */
  readonly healthStatus?: number;
  /** The node never registers in (or leaves) the cluster. */
  readonly neverJoinsCluster?: boolean;
  /**
   * On joining (or when set while a member), the node logs a view of all live members and ~100 ms
   * later a view of itself alone (a stale full view replaced by a split); no further view while set.
   * Clearing it logs the real view again.
   */
  readonly flappingView?: boolean;
  /** SIGTERM (shutdown.sh) is ignored; only SIGKILL (`catalina.sh stop N -force`) ends the node. */
  readonly shutdownHangs?: boolean;
  /** `patching-tool.sh install` prints this message (or a default one for `true`) and exits 1. */
  readonly patchInstallFails?: string | boolean;
  /** With patchInstallFails: fail only this many more times, then install normally again. */
  readonly patchInstallFailsTimes?: number;
  /** Startup delay for the next start, instead of the cluster's `startupMs` (a slow startup). */
  readonly startupMs?: number;
}
