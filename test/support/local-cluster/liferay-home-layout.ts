import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../../../src/domain/shell/shell-command.ts';
import { manifestText, tinyZip } from './tiny-zip.ts';

export const TOMCAT_DIR_NAME = 'tomcat-9.0.83';
/** Quarterly bundles (LIFERAY.md §2b) use a plain `tomcat/` inside `liferay-dxp/`. */
export const QUARTERLY_TOMCAT_DIR_NAME = 'tomcat';

/** `7.x`: a 7.0-7.3 bundle (`tomcat-9.0.83/`, Patching Tool with fix packs); `quarterly`: a DXP quarterly release bundle. */
export type HomeLayout = '7.x' | 'quarterly';

const SIM_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sim');
export const LIFERAY_SIM_PATH = join(SIM_DIR, 'liferay-sim.mjs');
export const PATCHING_TOOL_SIM_PATH = join(SIM_DIR, 'patching-tool.mjs');

/** What the simulator reads from `<home>/.sim/config.json`. */
export interface SimConfig {
  readonly name: string;
  readonly cluster: string;
  readonly healthPort: number;
  /** Shared by all nodes of one cluster (JGroups-like membership). */
  readonly registryDir: string;
  readonly startupMs: number;
  readonly shutdownMs: number;
  readonly productBuild: string;
  /** Quarterly layout: the folder shared by the cluster's nodes standing in for the database (`database.json`, upgrade markers). */
  readonly databaseDir?: string;
}

export interface LiferayHomeSpec extends SimConfig {
  /** Default `7.x`. With `quarterly`, `home` is the bundle's `liferay-dxp/` folder. */
  readonly layout?: HomeLayout;
  /** The release a quarterly bundle is (its `.liferay-version`); default `2026.q1.2`. */
  readonly release?: string;
  readonly home: string;
  readonly installedPatches: readonly string[];
  /** The JARs in osgi/modules (default: `DEFAULT_SIM_MODULES`). */
  readonly modules?: readonly SimModule[];
  /** A Commerce version: osgi/marketplace then holds its .lpkg (default: none). */
  readonly commerce?: string;
}

/** A module JAR of a simulated node: only its manifest is real (and one class-less resource). */
export interface SimModule {
  readonly symbolicName: string;
  readonly version: string;
  readonly schemaVersion?: string;
}

export const DEFAULT_SIM_MODULES: readonly SimModule[] = [{ symbolicName: 'com.acme.greeting.service', version: '1.0.0', schemaVersion: '1.0.0' }];

/** `<symbolicName>-<version>.jar` in the home's osgi/modules, with a manifest as `jar` writes it (CRLF, 72-byte lines). */
export function writeModuleJar(home: string, module: SimModule): string {
  const file = join(home, 'osgi', 'modules', `${module.symbolicName}-${module.version}.jar`);
  const headers = {
    'Bundle-ManifestVersion': '2',
    'Bundle-SymbolicName': module.symbolicName,
    'Bundle-Version': module.version,
    ...(module.schemaVersion === undefined ? {} : { 'Liferay-Require-SchemaVersion': module.schemaVersion }),
  };
  writeFileSync(file, tinyZip([{ name: 'META-INF/MANIFEST.MF', data: manifestText(headers) }, { name: 'content/Language.properties', data: 'greeting=Hello\n' }]));
  return file;
}

/** Liferay Commerce's .lpkg in osgi/marketplace: a zip with liferay-marketplace.properties and one nested (stored) JAR. */
export function writeCommerceLpkg(home: string, version: string): string {
  const file = join(home, 'osgi', 'marketplace', 'Liferay Commerce.lpkg');
  const api = tinyZip([{ name: 'META-INF/MANIFEST.MF', data: manifestText({ 'Bundle-SymbolicName': 'com.liferay.commerce.api', 'Bundle-Version': version }) }]);
  writeFileSync(
    file,
    tinyZip([
      { name: 'liferay-marketplace.properties', data: `title=Liferay Commerce\nversion=${version}\nrestart-required=true\n` },
      { name: 'com.liferay.commerce.api.jar', data: api, method: 'store' },
    ]),
  );
  return file;
}

function writeScript(path: string, body: string): void {
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

const node = shellQuote(process.execPath);

function catalinaSh(): string {
  return `#!/usr/bin/env bash
# catalina.sh of the local test cluster: starts/stops the simulated Liferay node (liferay-sim.mjs).
#   catalina.sh start | stop [seconds] [-force] | version
PRG="$0"
CATALINA_HOME="$(cd "$(dirname "$PRG")/.." && pwd)"
CATALINA_BASE="\${CATALINA_BASE:-$CATALINA_HOME}"
LIFERAY_HOME="$(cd "$CATALINA_HOME/.." && pwd)"
CATALINA_OPTS="\${CATALINA_OPTS:-}"
if [ -r "$CATALINA_BASE/bin/setenv.sh" ]; then
  . "$CATALINA_BASE/bin/setenv.sh"
fi
CATALINA_PID="\${CATALINA_PID:-$CATALINA_BASE/bin/catalina.pid}"
CATALINA_OUT="\${CATALINA_OUT:-$CATALINA_BASE/logs/catalina.out}"
export CATALINA_HOME CATALINA_BASE LIFERAY_HOME CATALINA_OPTS CATALINA_PID CATALINA_OUT

# kill -0, but a zombie (exited, not yet reaped by init) counts as stopped.
is_running() {
  kill -0 "$1" 2>/dev/null || return 1
  if [ -r "/proc/$1/stat" ]; then
    case "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" in
      Z|X) return 1 ;;
    esac
  fi
  return 0
}
if [ -n "\${JAVA_HOME:-}" ]; then
  if [ ! -x "$JAVA_HOME/bin/java" ]; then
    echo "The JAVA_HOME environment variable is not defined correctly"
    echo "JAVA_HOME=$JAVA_HOME"
    echo "This environment variable is needed to run this program"
    exit 1
  fi
  export JAVA_HOME
fi

case "\${1:-}" in
  start)
    echo "Using CATALINA_BASE:   $CATALINA_BASE"
    echo "Using CATALINA_HOME:   $CATALINA_HOME"
    echo "Using CATALINA_PID:    $CATALINA_PID"
    if [ -f "$CATALINA_PID" ]; then
      PID="$(cat "$CATALINA_PID")"
      if [ -n "$PID" ] && is_running "$PID"; then
        echo "Tomcat appears to still be running with PID $PID. Start aborted."
        exit 1
      fi
      echo "Removing/clearing stale PID file."
      rm -f "$CATALINA_PID"
    fi
    mkdir -p "$(dirname "$CATALINA_OUT")"
    touch "$CATALINA_OUT"
    ${node} ${shellQuote(LIFERAY_SIM_PATH)} launch || exit 1
    echo "Tomcat started."
    ;;
  stop)
    shift
    SLEEP=""
    FORCE=0
    if [ -n "\${1:-}" ] && [ "$1" != "-force" ]; then SLEEP="$1"; shift; fi
    if [ "\${1:-}" = "-force" ]; then FORCE=1; fi
    if [ ! -f "$CATALINA_PID" ]; then
      echo "\\$CATALINA_PID was set but the specified file does not exist. Is Tomcat running? Stop aborted."
      exit 1
    fi
    PID="$(cat "$CATALINA_PID")"
    if ! is_running "$PID"; then
      echo "PID file found but either no matching process was found or the current user does not have permission to stop the process. Stop aborted."
      exit 1
    fi
    kill -TERM "$PID"
    if [ -z "$SLEEP" ]; then
      exit 0
    fi
    i=0
    while [ "$i" -lt "$((SLEEP * 10))" ]; do
      if ! is_running "$PID"; then
        rm -f "$CATALINA_PID"
        echo "Tomcat stopped."
        exit 0
      fi
      sleep 0.1
      i=$((i + 1))
    done
    if [ "$FORCE" = 1 ]; then
      echo "Killing Tomcat with the PID: $PID"
      kill -9 "$PID" 2>/dev/null
      rm -f "$CATALINA_PID"
      echo "The Tomcat process has been killed."
      exit 0
    fi
    echo "Tomcat did not stop in time."
    exit 1
    ;;
  version)
    echo "Server version: Apache Tomcat/9.0.83 (liferay-sim)"
    ;;
  *)
    echo "Usage: catalina.sh ( start | stop [n] [-force] | version )"
    exit 1
    ;;
esac
`;
}

const STARTUP_SH = `#!/usr/bin/env bash
# Returns at once, like Tomcat's: the node keeps starting in the background.
exec "$(dirname "$0")/catalina.sh" start "$@"
`;

const SHUTDOWN_SH = `#!/usr/bin/env bash
# Asks the node to stop (SIGTERM via the pid file) and returns; the node exits after its shutdown delay.
exec "$(dirname "$0")/catalina.sh" stop "$@"
`;

const SETENV_SH = `CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Duser.timezone=GMT -Xmx2g"
`;

function patchingToolSh(): string {
  return `#!/usr/bin/env bash
# Simulated Liferay Patching Tool (local test cluster): info | install | revert [-hotfix] | version
LIFERAY_HOME="$(cd "$(dirname "$0")/.." && pwd)"
export LIFERAY_HOME
exec ${node} ${shellQuote(PATCHING_TOOL_SIM_PATH)} "$@"
`;
}

/** The zip of an installed patch id, as patches/ keeps it. */
function zipOf(id: string): string {
  return id.startsWith('hotfix-') || id.includes('-hotfix-') ? `liferay-${id}.zip` : `liferay-fix-pack-${id}.zip`;
}

/**
 * Lays out one node's LIFERAY_HOME like a Liferay Tomcat bundle (LIFERAY.md §4), scripts included.
 * The quarterly layout is the bundle as Liferay's release scripts package it
 * (github.com/liferay/liferay-docker release/_package.sh): `liferay-dxp/` with `tomcat/`,
 * `patching-tool/`, `osgi/` without `.lpkg` files, `data/`, and the release information
 * `.liferay-version` (the release name), `.githash` and the empty `.liferay-home` marker.
 */
export function createLiferayHome(spec: LiferayHomeSpec): void {
  const { home } = spec;
  const quarterly = spec.layout === 'quarterly';
  const tomcatDirName = quarterly ? QUARTERLY_TOMCAT_DIR_NAME : TOMCAT_DIR_NAME;
  const tomcat = join(home, tomcatDirName);
  for (const dir of [
    '.sim',
    'deploy',
    'logs',
    'data',
    'work',
    'osgi/configs',
    'osgi/modules',
    ...(quarterly ? [] : ['osgi/marketplace/override']),
    'osgi/war',
    'osgi/state',
    `${tomcatDirName}/bin`,
    `${tomcatDirName}/logs`,
    'patching-tool/patches',
  ]) {
    mkdirSync(join(home, dir), { recursive: true });
  }
  const config: SimConfig = {
    name: spec.name,
    cluster: spec.cluster,
    healthPort: spec.healthPort,
    registryDir: spec.registryDir,
    startupMs: spec.startupMs,
    shutdownMs: spec.shutdownMs,
    productBuild: spec.productBuild,
    ...(spec.databaseDir === undefined ? {} : { databaseDir: spec.databaseDir }),
  };
  if (quarterly) {
    writeFileSync(join(home, '.liferay-home'), '');
    writeFileSync(join(home, '.liferay-version'), `${spec.release ?? '2026.q1.2'}\n`);
    writeFileSync(join(home, '.githash'), 'simulated\n');
  }
  writeFileSync(join(home, '.sim', 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(home, '.sim', 'faults.json'), '{}\n');
  writeFileSync(
    join(home, 'portal-ext.properties'),
    [
      // The same on every node, as on a real cluster (no node-specific liferay.home: the probe compares its digest).
      '# portal-ext.properties of a simulated node (local test cluster)',
      'cluster.link.enabled=true',
      'web.server.display.node=true',
      '',
    ].join('\n'),
  );
  writeFileSync(join(home, 'osgi', 'state', 'bundle-cache.dat'), 'osgi state of the simulated node\n');
  for (const module of spec.modules ?? DEFAULT_SIM_MODULES) writeModuleJar(home, module);
  if (spec.commerce !== undefined && !quarterly) writeCommerceLpkg(home, spec.commerce);
  writeFileSync(join(home, 'work', '.keep'), '');
  writeFileSync(join(tomcat, 'logs', 'catalina.out'), '');
  writeScript(join(tomcat, 'bin', 'catalina.sh'), catalinaSh());
  writeScript(join(tomcat, 'bin', 'startup.sh'), STARTUP_SH);
  writeScript(join(tomcat, 'bin', 'shutdown.sh'), SHUTDOWN_SH);
  writeScript(join(tomcat, 'bin', 'setenv.sh'), SETENV_SH);
  writeScript(join(home, 'patching-tool', 'patching-tool.sh'), patchingToolSh());
  writeFileSync(
    join(home, 'patching-tool', 'patching-state.json'),
    `${JSON.stringify({ productBuild: spec.productBuild, installed: spec.installedPatches }, null, 2)}\n`,
  );
  // As on a real node, the zips of the installed patches stay in patches/ (install re-applies them).
  for (const id of spec.installedPatches) {
    writeFileSync(join(home, 'patching-tool', 'patches', zipOf(id)), `simulated ${id}\n`);
  }
}
