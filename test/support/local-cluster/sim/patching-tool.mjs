// A simulated Liferay Patching Tool (what patching-tool.sh runs in the local test cluster).
//   info | install | revert [-hotfix] | version | help
// State: $LIFERAY_HOME/patching-tool/patching-state.json {"productBuild": "7110", "installed": [...]}.
// `install` makes the installation match what patches/ holds (the highest fix pack of the product's
// build plus its hotfixes); install and revert refuse to run while the node is running.
import fs from 'node:fs';
import process from 'node:process';
import { readFaults, readJson, runningPid, simPaths, writeJsonAtomic } from './sim-files.mjs';

const out = (line = '') => process.stdout.write(`${line}\n`);

const home = process.env.LIFERAY_HOME;
if (home === undefined || home === '') {
  process.stderr.write('patching-tool: LIFERAY_HOME is not set\n');
  process.exit(2);
}
const paths = simPaths(home);
const state = readJson(paths.patchingState, { productBuild: '7110', installed: [] });
const productBuild = String(state.productBuild ?? '7110');
const installed = Array.isArray(state.installed) ? state.installed : [];
// A quarterly bundle: the release it is, from the bundle's own .liferay-version (its hotfixes are built for one release).
let bundleRelease;
try {
  bundleRelease = fs.readFileSync(`${home}/.liferay-version`, 'utf8').trim().toLowerCase() || undefined;
} catch {
  bundleRelease = undefined;
}

/** `liferay-fix-pack-dxp-14-7110.zip` -> dxp-14-7110; `liferay-hotfix-4445-7110.zip` -> hotfix-4445-7110. */
function parseZip(file) {
  let match = /^liferay-fix-pack-((?:dxp|de)-(\d+)-(\d{4}))\.zip$/.exec(file);
  if (match) return { id: match[1], kind: 'fixpack', number: Number(match[2]), build: match[3] };
  match = /^liferay-hotfix-(\d+)-(\d{4})\.zip$/.exec(file);
  if (match) return { id: `hotfix-${match[1]}-${match[2]}`, kind: 'hotfix', number: Number(match[1]), build: match[2] };
  // liferay-dxp-2026.q1.2-hotfix-1.zip: a hotfix of a quarterly release (build 7413).
  match = /^liferay-dxp-([0-9a-z.-]+)-hotfix-(\d+)\.zip$/.exec(file);
  if (match) return { id: `dxp-${match[1]}-hotfix-${match[2]}`, kind: 'hotfix', number: Number(match[2]), build: '7413', release: match[1] };
  return undefined;
}

function parseId(id) {
  let match = /^(?:dxp|de)-(\d+)-(\d{4})$/.exec(id);
  if (match) return { id, kind: 'fixpack', number: Number(match[1]), build: match[2] };
  match = /^hotfix-(\d+)-(\d{4})$/.exec(id);
  if (match) return { id, kind: 'hotfix', number: Number(match[1]), build: match[2] };
  match = /^dxp-([0-9a-z.-]+)-hotfix-(\d+)$/.exec(id);
  if (match) return { id, kind: 'hotfix', number: Number(match[2]), build: '7413', release: match[1] };
  return { id, kind: 'unknown', number: 0, build: '' };
}

const byKindThenNumber = (a, b) => (a.kind === b.kind ? a.number - b.number : a.kind === 'fixpack' ? -1 : 1);

function available() {
  let files = [];
  try {
    files = fs.readdirSync(paths.patchesDir);
  } catch {
    files = [];
  }
  return files.map(parseZip).filter((p) => p !== undefined).sort(byKindThenNumber);
}

/** What `install` would leave installed, and why the others are left out. */
function plan(patches) {
  const fixPacks = patches.filter((p) => p.kind === 'fixpack' && p.build === productBuild);
  const top = fixPacks.reduce((best, p) => (best === undefined || p.number > best.number ? p : best), undefined);
  const reasons = new Map();
  const target = [];
  for (const p of patches) {
    if (p.build !== productBuild) reasons.set(p.id, `built for another product build (${p.build}), this is ${productBuild}`);
    else if (p.release !== undefined && p.release !== bundleRelease) reasons.set(p.id, `built for another release (${p.release}), this is ${bundleRelease ?? 'no quarterly release'}`);
    else if (p.kind === 'fixpack' && p !== top) reasons.set(p.id, `a newer fix pack is available (${top.id})`);
    else target.push(p.id);
  }
  return { target, reasons };
}

function info() {
  const patches = available();
  const { target, reasons } = plan(patches);
  const ids = [...new Set([...installed, ...patches.map((p) => p.id)])].map(parseId).sort(byKindThenNumber).map((p) => p.id);
  out('Loading product and patch information...');
  out('Product information:');
  out('  * installation type: binary');
  out(`  * build number: ${productBuild}`);
  out('  * patching-tool version: 3.0.99 (liferay-sim)');
  out(`  * time: ${new Date().toISOString()}`);
  out('  * plugins: no plugins detected');
  out('');
  out(`Currently installed patches: ${installed.join(', ')}`);
  out(`Available patches: ${patches.map((p) => p.id).join(', ')}`);
  out('Detailed patch list:');
  for (const id of ids) {
    const isInstalled = installed.includes(id);
    const willInstall = target.includes(id);
    const first = isInstalled ? '*' : ' ';
    const second = willInstall ? 'I' : '-';
    const now = isInstalled ? 'Installed' : 'Currently not installed';
    const next = willInstall
      ? 'Will be installed.'
      : `Won't be installed: ${reasons.get(id) ?? 'the patch file is not in the patches folder'}.`;
    out(`  [${first}${second}] ${id} :: ${now}; ${next} :: Built for LIFERAY`);
  }
}

function refuseWhileRunning(action) {
  const pid = runningPid(home);
  if (pid === undefined) return;
  out(`Unable to ${action}: the portal is running (pid ${pid}). Stop Liferay before running the Patching Tool.`);
  process.exit(1);
}

function install() {
  refuseWhileRunning('install patches');
  const faults = readFaults(home);
  const fault = faults.patchInstallFails;
  if (fault !== undefined && fault !== false) {
    // patchInstallFailsTimes: fail only that many more times (e.g. 1: the rollout's install fails, the restore's succeeds).
    const times = faults.patchInstallFailsTimes;
    if (typeof times === 'number') {
      const left = times - 1;
      writeJsonAtomic(simPaths(home).faults, left > 0 ? { ...faults, patchInstallFailsTimes: left } : { ...faults, patchInstallFails: undefined, patchInstallFailsTimes: undefined });
    }
    out(typeof fault === 'string' ? fault : 'Installation failed: the patch could not be applied.');
    process.exit(1);
  }
  const { target } = plan(available());
  out('Cleaning up: [Done]');
  for (const id of installed.filter((i) => !target.includes(i))) out(`Reverting ${id}: [Done]`);
  for (const id of target.filter((i) => !installed.includes(i))) out(`Installing ${id}: [Done]`);
  writeJsonAtomic(paths.patchingState, { ...state, productBuild, installed: target });
  out(`The installation was successful. ${target.length} patch(es) installed on the system.`);
}

function revert(hotfixesOnly) {
  refuseWhileRunning('revert patches');
  const remaining = hotfixesOnly ? installed.filter((id) => parseId(id).kind !== 'hotfix') : [];
  for (const id of installed.filter((i) => !remaining.includes(i))) out(`Reverting ${id}: [Done]`);
  writeJsonAtomic(paths.patchingState, { ...state, productBuild, installed: remaining });
  out('The revert was successful.');
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'info':
    info();
    break;
  case 'install':
    install();
    break;
  case 'revert':
    revert(args.includes('-hotfix'));
    break;
  case 'version':
    out('Patching-tool version: 3.0.99 (liferay-sim)');
    break;
  case undefined:
  case 'help':
    out('Usage: patching-tool.sh info | install | revert [-hotfix] | version');
    break;
  default:
    out(`Unknown command: ${command}`);
    out('Usage: patching-tool.sh info | install | revert [-hotfix] | version');
    process.exit(1);
}
