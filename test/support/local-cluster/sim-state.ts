/** What a running simulated node saw at start, as `GET /sim/state` returns it. */
export interface SimState {
  readonly name: string;
  readonly cluster: string;
  readonly pid: number;
  readonly phase: 'starting' | 'started' | 'stopping';
  readonly startedAt: string;
  /** Startup delay in effect for this run (faults.startupMs or the cluster's startupMs). */
  readonly startupDelayMs: number;
  /** CATALINA_OPTS after catalina.sh sourced setenv.sh. */
  readonly catalinaOpts: string;
  readonly jvmOptions: readonly string[];
  readonly javaHome: string | null;
  /** portal-ext.properties as read at start. */
  readonly portalExt: Readonly<Record<string, string>>;
  /** File names in osgi/modules, osgi/war and osgi/configs at start. */
  readonly modules: readonly string[];
  readonly wars: readonly string[];
  readonly configs: readonly string[];
  /** Patches installed (patching-tool state) at start. */
  readonly patches: readonly string[];
  /** osgi/state was missing or empty at start and was rebuilt. */
  readonly osgiStateRebuilt: boolean;
  /** The bundle's release at start (`.liferay-version`; quarterly layout), else null. */
  readonly release: string | null;
  /** The database upgrade this start ran (quarterly layout: the shared database was at another release), else null. */
  readonly databaseUpgrade: { readonly from: string; readonly to: string; readonly marker: string } | null;
  /** The current cluster view as this node sees it ([] when not a member). */
  readonly members: readonly string[];
}
