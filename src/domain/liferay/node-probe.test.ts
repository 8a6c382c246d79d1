import { describe, expect, it } from 'vitest';
import { parseNodeProbe } from './node-probe.ts';

const INFO = 'Product information:\n  * build number: 7110\n\nCurrently installed patches: dxp-13-7110\nAvailable patches: dxp-13-7110\n';
const JAVA = '--- java\nopenjdk version "1.8.0_292"\nOpenJDK Runtime Environment\n';
const SHA = 'a'.repeat(64);

describe('parseNodeProbe', () => {
  it.each<[string, string, object, string[]]>([
    ['only patches and Java (a scripted node, an older probe): nothing else is claimed', `${INFO}${JAVA}`, { patches: ['dxp-13-7110'], build: '7110', java: '1.8.0_292' }, []],
    ['no patching tool, no modules, nothing in marketplace, no files', `no patching tool\n${JAVA}--- modules\n--- marketplace\n--- digests\n--- end\n`, { java: '1.8.0_292', modules: {}, digests: {} }, []],
    [
      'a module, Commerce by its properties, digests',
      `${INFO}${JAVA}--- modules\n--- jar a.jar\nBundle-SymbolicName: com.acme.a;singleton:=true\r\nBundle-Version: 1.2.0\r\nLiferay-Require-SchemaVersion: 1.1.0\r\n\r\n\n--- marketplace\n--- lpkg Liferay Commerce.lpkg\ntitle=Liferay Commerce\nversion=2.0.5\n\n--- digests\n${SHA}  portal-ext.properties\n${SHA}  osgi/configs/com.acme.Foo.config\n--- end\n`,
      { modules: { 'com.acme.a': { version: '1.2.0', schemaVersion: '1.1.0' } }, commerce: '2.0.5', digests: { 'portal-ext.properties': SHA, 'osgi/configs/com.acme.Foo.config': SHA } },
      [],
    ],
    ['Commerce from the file name when its properties cannot be read', `${INFO}--- marketplace\n--- lpkg Liferay Commerce 2.1.3.lpkg\n\n--- end\n`, { commerce: '2.1.3' }, []],
    ['a JAR without a symbolic name is no module', `${INFO}--- modules\n--- jar lib.jar\nManifest-Version: 1.0\r\n\r\n--- end\n`, { modules: {} }, []],
    // The installed release: the bundle's .liferay-version (liferay-docker release/_package.sh writes it into every bundle).
    ['a quarterly release: release and product from .liferay-version', `${INFO}${JAVA}--- release\n2026.q1.2\n--- end\n`, { product: 'dxp-7.4', release: '2026.q1.2' }, []],
    ['an LTS quarterly release, upper case, CRLF', `no patching tool\n--- release\n2025.Q1.0-LTS\r\n--- end\n`, { product: 'dxp-7.4', release: '2025.q1.0-lts' }, []],
    ['a 7.4 update', `--- release\n\n7.4.13-u102\n--- end\n`, { product: 'dxp-7.4', release: '7.4.13-u102' }, []],
    ['a 7.1 home has no .liferay-version: nothing claimed, nothing unread', `${INFO}--- release\n\n--- end\n`, { build: '7110' }, []],
    ['a 7.4 build without .liferay-version: the release said unread', `Product information:\n  * build number: 7413\n--- release\n\n--- end\n`, { build: '7413' }, ['the installed release (no .liferay-version in the Liferay home)']],
    ['a .liferay-version that names no release', `--- release\nDXP 7.4 GA1\n--- end\n`, {}, ['the installed release (.liferay-version holds no release name)']],
    ['no zip reader on the node', `${INFO}--- modules\n--- jar a.jar\n--- no-zip-reader\n\n--- marketplace\n--- end\n`, { patches: ['dxp-13-7110'] }, ["the modules' manifests (no unzip, python3 or bsdtar on the node)"]],
  ])('%s', (_name, stdout, expected, unread) => {
    const probed = parseNodeProbe(stdout);
    expect(probed.facts).toMatchObject(expected);
    if (!('modules' in expected)) expect(probed.facts.modules).toBeUndefined();
    if (!('digests' in expected)) expect(probed.facts.digests).toBeUndefined();
    if (!('release' in expected)) expect([probed.facts.release, probed.facts.product, probed.release]).toEqual([undefined, undefined, undefined]);
    else expect(probed.release).toBe((expected as { release: string }).release);
    expect(probed.unread).toEqual(unread);
  });

  it('never throws on odd text', () => {
    for (const text of ['', '--- end', '--- modules\n--- jar \n', '--- digests\nnot a digest\n', '\r\n\r\n--- java\n']) expect(() => parseNodeProbe(text)).not.toThrow();
  });
});
