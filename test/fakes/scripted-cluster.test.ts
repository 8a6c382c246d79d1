import { describe, expect, it } from 'vitest';
import { aCluster } from '../builders/a-cluster.ts';
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
import { nodePaths } from '../../src/domain/plan/node-paths.ts';
import { leftoverCommand, trackedCommand } from '../../src/domain/plan/tracked-command.ts';
import { rawShell, sh } from '../../src/domain/shell/shell-command.ts';
import { ManualClock } from './manual-clock.ts';
import { recogniseNodeCommand } from './recognise-node-command.ts';
import { ScriptedCluster } from './scripted-cluster.ts';
import { defined } from '../support/defined.ts';

const spec = aCluster().build();
const node = defined(spec.nodes[0], 'a first node in the cluster');
const p = nodePaths(node.liferayHome, spec.tomcatDir, 'r-0001');
const install = { type: 'patch-install', patch: 'dxp-17-7110', zip: 'liferay-fix-pack-dxp-17-7110.zip', removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip', clearWork: true } as const;
const revert = { type: 'patch-revert', patch: 'dxp-17-7110', zip: 'liferay-fix-pack-dxp-17-7110.zip', restore: { patch: 'dxp-16-7110', zip: 'liferay-fix-pack-dxp-16-7110.zip' }, removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip', clearWork: false } as const;

describe('recogniseNodeCommand', () => {
  it.each([
    ['the stop command', rawShell(node.commands.stop), { kind: 'stop' }],
    ['pgrep', isRunningCommand(p), { kind: 'is-running' }],
    ['home check', homeExistsCommand(p), { kind: 'home-exists' }],
    ['probe', probeCommand(p), { kind: 'probe' }],
    ['patching-tool info', sh`cd ${p.patchingTool} && ./patching-tool.sh info`, { kind: 'patching-tool-info' }],
    ['staged sha256', stagedSha256Command(p, 'a.zip'), { kind: 'staged-sha256', file: 'a.zip' }],
    ['upload', uploadToStagingCommand(p, 'a.zip'), { kind: 'upload', file: 'a.zip' }],
    ['backup', backupCommand(p, ['patching-tool/patches']), { kind: 'backup', rolloutId: 'r-0001', paths: ['patching-tool/patches'] }],
    ['restore', restoreCommand(p, ['portal-ext.properties']), { kind: 'restore', rolloutId: 'r-0001', paths: ['portal-ext.properties'] }],
    ['fix pack install', defined(applyCommand(p, install), 'the fix pack install command'), { kind: 'patch-install', zip: install.zip, removeZipsMatching: install.removeZipsMatching }],
    ['fix pack revert', defined(applyCommand(p, revert), 'the fix pack revert command'), { kind: 'patch-revert', zip: revert.zip, restoreZip: revert.restore.zip, removeZipsMatching: revert.removeZipsMatching }],
    ['reinstall', reinstallPatchesCommand(p, false), { kind: 'reinstall-patches' }],
    ['read', readFileCommand(`${p.home}/portal-ext.properties`), { kind: 'read-file', path: `${p.home}/portal-ext.properties` }],
    ['write', writeFileCommand(`${p.home}/portal-ext.properties`), { kind: 'write-file', path: `${p.home}/portal-ext.properties` }],
    ['size', fileSizeCommand(p.catalinaOut), { kind: 'file-size', path: p.catalinaOut }],
    ['liferay log', liferayLogCommand(p), { kind: 'liferay-log' }],
    ['follow with pid', followFileCommand(p.catalinaOut, 120, 4711), { kind: 'follow', path: p.catalinaOut, fromByte: 120, pid: 4711 }],
    ['follow', followFileCommand(`${p.logs}/liferay.2025-01-01.log`, 0), { kind: 'follow', path: `${p.logs}/liferay.2025-01-01.log`, fromByte: 0, pid: undefined }],
    ['catalina tail', sh`tail -c +${5} ${p.catalinaOut} | tail -n 20`, { kind: 'catalina-tail', path: p.catalinaOut, fromByte: 4 }],
    ['leftover', leftoverCommand(p, 600), { kind: 'leftover', waitSeconds: 600 }],
    ['tracked apply', trackedCommand(p, 'node1/apply#restore', defined(applyCommand(p, install), 'the fix pack install command')), { kind: 'tracked', stepId: 'node1/apply#restore', inner: { kind: 'patch-install', zip: install.zip, removeZipsMatching: install.removeZipsMatching } }],
  ])('%s', (_name, command, expected) => {
    expect(recogniseNodeCommand(command.text, node, spec.tomcatDir)).toEqual(expected);
  });

  it.each([
    ['a command of our own, changed by one character', `${readFileCommand(`${p.home}/portal-ext.properties`).text} `],
    ['a place-file apply (not modelled)', defined(applyCommand(p, { type: 'place-file', file: 'a-1.0.jar', dir: 'osgi/modules', replacesGlob: undefined }), 'the place-file command').text],
    ['anything else', 'rm -rf /'],
  ])('does not know %s', (_name, text) => {
    expect(recogniseNodeCommand(text, node, spec.tomcatDir)).toBeUndefined();
  });
});

describe('ScriptedCluster', () => {
  it('throws a command it does not know back with its text, and keeps it', async () => {
    const nodes = new ScriptedCluster(spec, new ManualClock());
    const session = await nodes.executor.connect({ name: 'node1', host: node.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 });
    await expect(session.run(rawShell('rm -rf /'), { timeoutMs: 1000 })).rejects.toThrow('node1 does not know this command:\nrm -rf /');
    expect(nodes.unknownCommands).toEqual(['rm -rf /']);
  });

  it('answers the health URL with 200 only for a running healthy node', async () => {
    const nodes = new ScriptedCluster(spec, new ManualClock()).neverHealthy('node3', 'now');
    const session = await nodes.executor.connect({ name: 'node2', host: '10.0.0.12', port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 });
    await session.run(rawShell(node.commands.stop), { timeoutMs: 1000 });
    const answers = await Promise.all(spec.nodes.map((n) => nodes.healthProbe.check(n.healthUrl, 1000)));
    expect(answers).toEqual([{ ok: true, status: 200 }, { ok: false, error: 'connect ECONNREFUSED http://10.0.0.12:8080/c/portal/layout' }, { ok: true, status: 503 }]);
    expect(nodes.down()).toEqual(['node2']);
  });
});
