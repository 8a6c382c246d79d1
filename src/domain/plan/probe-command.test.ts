import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiferayHome, writeCommerceLpkg, writeModuleJar } from '../../../test/support/local-cluster/liferay-home-layout.ts';
import { parseNodeProbe } from '../liferay/node-probe.ts';
import { probeCommand } from './node-commands.ts';
import { nodePaths } from './node-paths.ts';

let root: string | undefined;
afterEach(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A simulated node's LIFERAY_HOME (patching tool, setenv.sh, one module JAR) in a temp folder. */
function home(): string {
  root = mkdtempSync(join(tmpdir(), 'probe-command-'));
  const dir = join(root, 'liferay');
  createLiferayHome({ home: dir, name: 'node1', cluster: 'c', healthPort: 1, registryDir: join(root, 'registry'), startupMs: 1, shutdownMs: 1, productBuild: '7110', installedPatches: ['dxp-13-7110'] });
  return dir;
}

const probe = (dir: string, path?: string): string =>
  execFileSync('sh', ['-c', probeCommand(nodePaths(dir, 'tomcat-9.0.83', 'probe')).text], { encoding: 'utf8', ...(path === undefined ? {} : { env: { PATH: path } }) });

/** A PATH with only these tools (linked from where `command -v` finds them), so a missing one is really missing. */
function onlyTools(names: readonly string[]): string {
  const bin = join(root ?? tmpdir(), 'bin');
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    // Python through its real executable (a pyenv shim would need pyenv on the PATH).
    const found = name === 'python3' ? execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() : execFileSync('sh', ['-c', `command -v ${name} || true`], { encoding: 'utf8' }).trim();
    if (found !== '') symlinkSync(found, join(bin, name));
  }
  return bin;
}

describe('probeCommand, run by a real sh on a laid-out home', () => {
  it('reads patches, build, Java, each module manifest, Commerce and the digests', () => {
    const dir = home();
    writeModuleJar(dir, { symbolicName: 'com.acme.a.module.with.a.symbolic.name.long.enough.to.be.wrapped.in.the.manifest', version: '2.1.0' });
    writeCommerceLpkg(dir, '2.0.5');
    writeFileSync(join(dir, 'osgi', 'configs', 'com.acme.Foo.config'), 'enabled=B"true"\n');
    writeFileSync(join(dir, 'osgi', 'modules', 'not-a-bundle.jar'), 'not a zip');
    const { facts, unread } = parseNodeProbe(probe(dir));
    expect(unread).toEqual([]);
    expect(facts).toMatchObject({
      patches: ['dxp-13-7110'],
      build: '7110',
      commerce: '2.0.5',
      modules: {
        'com.acme.greeting.service': { version: '1.0.0', schemaVersion: '1.0.0' },
        'com.acme.a.module.with.a.symbolic.name.long.enough.to.be.wrapped.in.the.manifest': { version: '2.1.0' },
      },
    });
    expect(Object.keys(facts.modules ?? {})).toHaveLength(2);
    expect(Object.keys(facts.digests ?? {}).sort()).toEqual(['osgi/configs/com.acme.Foo.config', 'portal-ext.properties']);
    expect(facts.digests?.['osgi/configs/com.acme.Foo.config']).toBe(execFileSync('sha256sum', [join(dir, 'osgi', 'configs', 'com.acme.Foo.config')], { encoding: 'utf8' }).slice(0, 64));
  });

  it('a node with neither unzip nor python3 nor bsdtar: modules said unread, the rest still read', () => {
    const dir = home();
    const { facts, unread } = parseNodeProbe(probe(dir, onlyTools(['sh', 'bash', 'cat', 'head', 'sha256sum', 'dirname'])));
    expect(unread).toEqual(["the modules' manifests (no unzip, python3 or bsdtar on the node)"]);
    expect(facts.modules).toBeUndefined();
    expect(facts.patches).toEqual(['dxp-13-7110']);
    expect(Object.keys(facts.digests ?? {})).toEqual(['portal-ext.properties']);
  });

  it.skipIf(execFileSync('sh', ['-c', 'command -v python3 || true'], { encoding: 'utf8' }).trim() === '')('without unzip, Python reads the manifest', () => {
    const dir = home();
    const { facts } = parseNodeProbe(probe(dir, onlyTools(['sh', 'bash', 'cat', 'head', 'sha256sum', 'dirname', 'python3'])));
    expect(facts.modules).toEqual({ 'com.acme.greeting.service': { version: '1.0.0', schemaVersion: '1.0.0' } });
  });
});
