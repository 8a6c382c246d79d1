// A simulated Liferay DXP node for the local test cluster (not Liferay, not Tomcat).
//
//   node liferay-sim.mjs launch        what catalina.sh start runs: starts `run` detached (own
//                                      session), stdout/stderr appended to $CATALINA_OUT, writes
//                                      $CATALINA_PID, returns at once
//   node liferay-sim.mjs run <home>    the "JVM": HTTP health on the node's port, startup line in
//                                      catalina.out, JGroups-like views in logs/liferay.*.log
//
// Configuration: <home>/.sim/config.json (written by the harness); faults: <home>/.sim/faults.json,
// re-read whenever they matter, so the harness can change them at any time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import {
  isAlive,
  liferayLogDate,
  liferayTimestamp,
  listFiles,
  parseProperties,
  readFaults,
  readJson,
  simPaths,
  tomcatTimestamp,
  writeJsonAtomic,
} from './sim-files.mjs';

const SELF = fileURLToPath(import.meta.url);
// How often a node looks at the member registry (a join or leave is seen within this).
const POLL_MS = 50;
const CHANNELS = ['liferay-channel-control', 'liferay-channel-transport-0'];

function requireEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    process.stderr.write(`liferay-sim: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

function launch() {
  const home = requireEnv('LIFERAY_HOME');
  const out = requireEnv('CATALINA_OUT');
  const pidFile = requireEnv('CATALINA_PID');
  const fd = fs.openSync(out, 'a');
  // Like Tomcat's JVM, the process carries -Dcatalina.base on its command line, which is how the
  // rollout's stop step and the default force-stop command find it (pgrep -f).
  const base = process.env.CATALINA_BASE ?? '';
  const child = spawn(process.execPath, [SELF, 'run', home, `-Dcatalina.base=${base}`], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: process.env,
  });
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  child.unref();
  fs.closeSync(fd);
}

function run(home) {
  const paths = simPaths(home);
  const config = readJson(paths.config, undefined);
  if (config === undefined) {
    process.stderr.write(`liferay-sim: no ${paths.config}\n`);
    process.exit(2);
  }
  const registry = path.join(config.registryDir, 'members');
  const sequence = path.join(config.registryDir, 'seq');
  fs.mkdirSync(registry, { recursive: true });
  fs.mkdirSync(sequence, { recursive: true });

  const catalina = (level, logger, message) =>
    fs.writeSync(1, `${tomcatTimestamp()} ${level} [main] ${logger} ${message}\n`);
  const liferay = (level, thread, message) => {
    fs.mkdirSync(paths.logsDir, { recursive: true });
    fs.appendFileSync(
      path.join(paths.logsDir, `liferay.${liferayLogDate()}.log`),
      `${liferayTimestamp()} ${level.padEnd(5)} [${thread}] ${message}\n`,
    );
  };

  const processStart = Date.now();
  const faultsAtStart = readFaults(home);
  const startupDelayMs = Number.isFinite(faultsAtStart.startupMs) ? faultsAtStart.startupMs : config.startupMs;

  // Like Liferay, rebuild osgi/state when it was deleted (e.g. after patching).
  const osgiState = path.join(home, 'osgi', 'state');
  const osgiStateRebuilt = listFiles(osgiState).length === 0;
  if (osgiStateRebuilt) {
    fs.mkdirSync(osgiState, { recursive: true });
    fs.writeFileSync(path.join(osgiState, 'bundle-cache.dat'), `rebuilt ${new Date().toISOString()}\n`);
  }

  let portalExt = {};
  try {
    portalExt = parseProperties(fs.readFileSync(path.join(home, 'portal-ext.properties'), 'utf8'));
  } catch {
    portalExt = {};
  }
  const catalinaOpts = (process.env.CATALINA_OPTS ?? '').trim();
  const patching = readJson(paths.patchingState, { installed: [] });
  const release = readRelease(home);
  const databaseUpgrade = config.databaseDir === undefined || release === undefined ? null : upgradeDatabase(config.databaseDir, release);

  const state = {
    name: config.name,
    cluster: config.cluster,
    pid: process.pid,
    phase: 'starting',
    startedAt: new Date(processStart).toISOString(),
    startupDelayMs,
    catalinaOpts,
    jvmOptions: catalinaOpts === '' ? [] : catalinaOpts.split(/\s+/),
    javaHome: process.env.JAVA_HOME ?? null,
    portalExt,
    modules: listFiles(path.join(home, 'osgi', 'modules')),
    wars: listFiles(path.join(home, 'osgi', 'war')),
    configs: listFiles(path.join(home, 'osgi', 'configs')),
    patches: Array.isArray(patching.installed) ? patching.installed : [],
    osgiStateRebuilt,
    release: release ?? null,
    databaseUpgrade,
    members: [],
  };

  fs.writeFileSync(paths.pid, `${process.pid}\n`);

  catalina('INFO', 'org.apache.catalina.startup.VersionLoggerListener.log', 'Server version name:   Apache Tomcat/9.0.83 (liferay-sim)');
  catalina('INFO', 'org.apache.catalina.startup.VersionLoggerListener.log', `CATALINA_BASE:         ${process.env.CATALINA_BASE ?? ''}`);
  for (const option of state.jvmOptions) {
    catalina('INFO', 'org.apache.catalina.startup.VersionLoggerListener.log', `Command line argument: ${option}`);
  }
  catalina('INFO', 'org.apache.coyote.AbstractProtocol.init', `Initializing ProtocolHandler ["http-nio-${config.healthPort}"]`);
  liferay('INFO', 'main][StartupHelperUtil:72', `Starting Liferay DXP (simulated node ${config.name}, build ${config.productBuild})`);
  if (databaseUpgrade !== null) liferay('INFO', 'main][UpgradeProcess:110', `Upgrading database from ${databaseUpgrade.from} to ${databaseUpgrade.to}: marker ${databaseUpgrade.marker}`);

  // --- HTTP -------------------------------------------------------------------------------------
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/sim/state') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(state));
      return;
    }
    if (url.pathname === '/c/portal/layout') {
      const faults = readFaults(home);
      let status = 200;
      if (state.phase !== 'started') status = 503;
      else if (Number.isInteger(faults.healthStatus)) status = faults.healthStatus;
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(status === 200 ? `<html><body>${config.name}</body></html>` : `status ${status}`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('error', (error) => {
    catalina('SEVERE', 'org.apache.catalina.util.LifecycleBase.handleSubClassException', `Failed to start connector: ${error.message}`);
    cleanupAndExit(1);
  });
  server.listen(config.healthPort, '127.0.0.1');

  // --- cluster membership ----------------------------------------------------------------------
  const memberFile = path.join(registry, `${config.name}.json`);
  let registered = false;
  let lastViewKey = '';
  let viewId = 0;
  let flapped = false;

  const allocateSeq = () => {
    let n = fs.readdirSync(sequence).length + 1;
    for (;;) {
      try {
        fs.writeFileSync(path.join(sequence, String(n)), config.name, { flag: 'wx' });
        return n;
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
        n += 1;
      }
    }
  };
  const register = () => {
    writeJsonAtomic(memberFile, { name: config.name, pid: process.pid, joinSeq: allocateSeq() });
    registered = true;
  };
  const deregister = () => {
    if (!registered) return;
    registered = false;
    try {
      const entry = readJson(memberFile, undefined);
      if (entry?.pid === process.pid) fs.unlinkSync(memberFile);
    } catch {
      // already gone
    }
    lastViewKey = '';
    flapped = false;
    state.members = [];
  };
  const readMembers = () => {
    const members = [];
    for (const file of listFiles(registry)) {
      if (!file.endsWith('.json')) continue;
      const entry = readJson(path.join(registry, file), undefined);
      if (entry === undefined) continue;
      if (!isAlive(entry.pid)) {
        // A member that died without leaving (kill -9): drop it, as JGroups' failure detection would.
        try {
          fs.unlinkSync(path.join(registry, file));
        } catch {
          // someone else did
        }
        continue;
      }
      members.push(entry);
    }
    return members.sort((a, b) => a.joinSeq - b.joinSeq || a.name.localeCompare(b.name));
  };

  const tick = () => {
    if (!fs.existsSync(paths.config)) cleanupAndExit(0); // the harness removed the cluster
    const faults = readFaults(home);
    const shouldBeMember = state.phase === 'started' && faults.neverJoinsCluster !== true;
    if (shouldBeMember && !registered) register();
    if (!shouldBeMember && registered) deregister();
    if (!registered) return;
    const members = readMembers();
    const names = members.map((m) => m.name);
    const highestSeq = members.reduce((max, m) => Math.max(max, m.joinSeq), 0);
    if (faults.flappingView === true) {
      // A full view, then ~100 ms later one of this node alone; it stays split while the fault is set.
      if (flapped) return;
      flapped = true;
      lastViewKey = `flapping:${config.name}`;
      acceptView(names, highestSeq);
      setTimeout(() => {
        if (registered && flapped) acceptView([config.name], highestSeq);
      }, 100);
      return;
    }
    flapped = false;
    const key = names.join(',');
    if (key === lastViewKey) return;
    lastViewKey = key;
    acceptView(names, highestSeq);
  };
  function acceptView(names, highestSeq) {
    viewId = Math.max(viewId + 1, highestSeq);
    state.members = names;
    const coordinator = names[0] ?? config.name;
    for (const channel of CHANNELS) {
      liferay('INFO', `${channel}][JGroupsReceiver:91`, `Accepted view [${coordinator}|${viewId}] (${names.length}) [${names.join(', ')}]`);
    }
  }
  const poller = setInterval(tick, POLL_MS);

  // --- startup / shutdown ----------------------------------------------------------------------
  const completeStartup = () => {
    if (state.phase !== 'starting' || readFaults(home).startupNeverCompletes === true) return;
    state.phase = 'started';
    tick();
    liferay('INFO', 'main][StartupHelperUtil:72', 'Liferay DXP started');
    // A real DXP needs minutes; the reported figure is always >= 1,000 so the grouping separator
    // of the real line shows up.
    const reported = (Date.now() - processStart + 1000).toLocaleString('en-US');
    catalina('INFO', 'org.apache.catalina.startup.Catalina.start', `Server startup in [${reported}] milliseconds`);
  };
  if (faultsAtStart.crashesOnStartup === true) {
    // Like a JVM that dies during startup (bad JVM option, port in use): an error, then exit.
    setTimeout(() => {
      catalina('SEVERE', 'org.apache.catalina.startup.Catalina.start', 'Simulated fatal error during startup: java.net.BindException: Address already in use');
      cleanupAndExit(1);
    }, Math.min(startupDelayMs, 300));
  } else if (faultsAtStart.startupNeverCompletes !== true) setTimeout(completeStartup, startupDelayMs);

  function cleanupAndExit(code) {
    clearInterval(poller);
    deregister();
    for (const file of [paths.pid, process.env.CATALINA_PID]) {
      if (file === undefined || file === '') continue;
      try {
        if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
      } catch {
        // not ours or gone
      }
    }
    server.closeAllConnections?.();
    server.close();
    process.exit(code);
  }

  const onStopRequest = () => {
    if (readFaults(home).shutdownHangs === true) {
      catalina('INFO', 'org.apache.catalina.core.StandardService.stopInternal', 'Stopping service [Catalina] (liferay-sim: hanging, fault shutdownHangs)');
      return;
    }
    if (state.phase === 'stopping') return;
    state.phase = 'stopping';
    catalina('INFO', 'org.apache.coyote.AbstractProtocol.pause', `Pausing ProtocolHandler ["http-nio-${config.healthPort}"]`);
    catalina('INFO', 'org.apache.catalina.core.StandardService.stopInternal', 'Stopping service [Catalina]');
    deregister();
    setTimeout(() => {
      catalina('INFO', 'org.apache.coyote.AbstractProtocol.destroy', `Destroying ProtocolHandler ["http-nio-${config.healthPort}"]`);
      cleanupAndExit(0);
    }, config.shutdownMs);
  };
  process.on('SIGTERM', onStopRequest);
  process.on('SIGINT', onStopRequest);
  process.on('SIGHUP', () => undefined);
}

/** The bundle's release (`.liferay-version`, quarterly layout), or undefined. */
function readRelease(home) {
  try {
    return fs.readFileSync(path.join(home, '.liferay-version'), 'utf8').trim().toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared "database" of a quarterly cluster: `database.json` holds the release its schema is at.
 * A fresh database takes the first starting node's release; a node of another release upgrades it
 * (as Liferay's auto-upgrade on first start would) and leaves a marker file
 * `upgrades/<from>-to-<to>` (what a later round's release update checks). Returns the upgrade or null.
 */
function upgradeDatabase(databaseDir, release) {
  fs.mkdirSync(path.join(databaseDir, 'upgrades'), { recursive: true });
  const file = path.join(databaseDir, 'database.json');
  try {
    fs.writeFileSync(file, `${JSON.stringify({ release })}\n`, { flag: 'wx' });
    return null;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  const from = String(readJson(file, {}).release ?? '');
  if (from === '' || from === release) return null;
  const marker = path.join(databaseDir, 'upgrades', `${from}-to-${release}`);
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  writeJsonAtomic(file, { release });
  return { from, to: release, marker };
}

const [mode, home] = process.argv.slice(2);
if (mode === 'launch') launch();
else if (mode === 'run' && home !== undefined) run(home);
else {
  process.stderr.write('usage: liferay-sim.mjs launch | run <LIFERAY_HOME>\n');
  process.exit(2);
}
