import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from './command.ts';
import { findUnprintableCharacter } from './find-unprintable-character.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { MaintenanceRequest } from './maintenance-request.ts';
import { parseCommand } from './parse-command.ts';

const base = { cluster: 'prod', dryRun: false } as const;

function change(request: Record<string, unknown>): Command {
  return { type: 'change', request: { ...base, ...request } as MaintenanceRequest };
}

function expectOneLineFailure(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  expect(result.error.code).toBe('parse_error');
  expect(result.error.reason).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
  expect(result.error.reason.trim()).not.toBe('');
  expect(result.error.reason).not.toMatch(/^internal parser error/);
  return result.error.reason;
}

describe('parseCommand: commands', () => {
  it.each<[string, Command]>([
    ['', { type: 'help' }],
    ['   \u00a0 ', { type: 'help' }],
    ['help', { type: 'help' }],
    ['HELP', { type: 'help' }],
    ['  help  ', { type: 'help' }],
    ['status', { type: 'status' }],
    ['status prod', { type: 'status', cluster: 'prod' }],
    ['Status Prod-EU_1.a', { type: 'status', cluster: 'Prod-EU_1.a' }],
    ['history', { type: 'history' }],
    ['history prod', { type: 'history', cluster: 'prod' }],
    ['HISTORY\u00a0prod', { type: 'history', cluster: 'prod' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parseCommand: every change form', () => {
  it.each<[string, Record<string, unknown>]>([
    // fix packs and hotfixes, ids and zip names
    ['fixpack install dxp-14-7110 on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    ['fixpack revert de-32-7010 on prod', { kind: 'fixpack', action: 'revert', patch: 'de-32-7010' }],
    ['fixpack install dxp-2-7210 on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-2-7210' }],
    ['fixpack install dxp-1-7310 on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-1-7310' }],
    ['fixpack install liferay-fix-pack-dxp-14-7110.zip on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    ['fixpack install liferay-fix-pack-de-27-7010.zip on prod', { kind: 'fixpack', action: 'install', patch: 'de-27-7010' }],
    ['fixpack install DXP-14-7110 on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    ['hotfix install hotfix-4445-7110 on prod', { kind: 'hotfix', action: 'install', patch: 'hotfix-4445-7110' }],
    ['hotfix revert hotfix-4445-7110 on prod', { kind: 'hotfix', action: 'revert', patch: 'hotfix-4445-7110' }],
    ['hotfix install liferay-hotfix-4445-7110.zip on prod', { kind: 'hotfix', action: 'install', patch: 'hotfix-4445-7110' }],
    ['hotfix install hotfix-12-7413 on prod', { kind: 'hotfix', action: 'install', patch: 'hotfix-12-7413' }],
    // hotfixes of quarterly releases and 7.4 updates
    ['hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', { kind: 'hotfix', action: 'install', patch: 'dxp-2026.q1.2-hotfix-1' }],
    ['hotfix revert liferay-dxp-2026.q1.2-hotfix-1.zip on prod', { kind: 'hotfix', action: 'revert', patch: 'dxp-2026.q1.2-hotfix-1' }],
    ['hotfix revert dxp-2026.q1.2-hotfix-1 on prod', { kind: 'hotfix', action: 'revert', patch: 'dxp-2026.q1.2-hotfix-1' }],
    ['hotfix install liferay-dxp-7.4.13-u102-hotfix-7.zip on prod', { kind: 'hotfix', action: 'install', patch: 'dxp-7.4.13-u102-hotfix-7' }],
    // modules and plugins
    ['module install com.acme.web-1.2.0.jar on prod', { kind: 'module', action: 'install', file: 'com.acme.web-1.2.0.jar' }],
    ['module update Acme_Suite+2.lpkg on prod', { kind: 'module', action: 'update', file: 'Acme_Suite+2.lpkg' }],
    ['plugin install acme-theme.war on prod', { kind: 'plugin', action: 'install', file: 'acme-theme.war' }],
    ['plugin update acme-theme-7.4.0.war on prod', { kind: 'plugin', action: 'update', file: 'acme-theme-7.4.0.war' }],
    // properties
    ['property set session.timeout=30 on prod', { kind: 'property', action: 'set', settings: [{ key: 'session.timeout', value: '30' }] }],
    [
      'property set a=1 web.server.host=https://x.example.com:8443/path?q=1 empty= on prod',
      { kind: 'property', action: 'set', settings: [{ key: 'a', value: '1' }, { key: 'web.server.host', value: 'https://x.example.com:8443/path?q=1' }, { key: 'empty', value: '' }] },
    ],
    ['property set layout.static.portlets.all[user]=a,b,*=c on prod', { kind: 'property', action: 'set', settings: [{ key: 'layout.static.portlets.all[user]', value: 'a,b,*=c' }] }],
    ['property set Company.Default.Name=Acme on prod', { kind: 'property', action: 'set', settings: [{ key: 'Company.Default.Name', value: 'Acme' }] }],
    ['property unset session.timeout on prod', { kind: 'property', action: 'unset', keys: ['session.timeout'] }],
    ['property unset a b.c d[x] on prod', { kind: 'property', action: 'unset', keys: ['a', 'b.c', 'd[x]'] }],
    // OSGi configs
    ['config set com.liferay.Foo enabled=true on prod', { kind: 'config', action: 'set', pid: 'com.liferay.Foo', settings: [{ key: 'enabled', value: 'true' }] }],
    [
      'config set com.liferay.x.Foo~default url=http://a/b list=a,b on prod',
      { kind: 'config', action: 'set', pid: 'com.liferay.x.Foo~default', settings: [{ key: 'url', value: 'http://a/b' }, { key: 'list', value: 'a,b' }] },
    ],
    // JVM
    ['jvm set -Xmx8g on prod', { kind: 'jvm', action: 'set', options: ['-Xmx8g'] }],
    [
      'jvm set -XX:MaxMetaspaceSize=1g -Dfile.encoding=UTF-8 -Duser.timezone=GMT on prod',
      { kind: 'jvm', action: 'set', options: ['-XX:MaxMetaspaceSize=1g', '-Dfile.encoding=UTF-8', '-Duser.timezone=GMT'] },
    ],
    ['jvm set --add-opens=java.base/java.lang=ALL-UNNAMED on prod', { kind: 'jvm', action: 'set', options: ['--add-opens=java.base/java.lang=ALL-UNNAMED'] }],
    ['jvm set -XX:+UseG1GC -Xlog:gc:file=/var/log/gc%p.log on prod', { kind: 'jvm', action: 'set', options: ['-XX:+UseG1GC', '-Xlog:gc:file=/var/log/gc%p.log'] }],
    ['jvm unset -Xms2g on prod', { kind: 'jvm', action: 'unset', options: ['-Xms2g'] }],
    // Java, every form, stored as typed
    ...['1.8.0_292', '1.8.0_402', '1.8.0_05', '11.0.12', '11.0.22', '17.0.15', '17.0.15+6', '21', '21.0', '11.0.20.1', '17.0.15-LTS', '21-ea', '17.0.15+6-LTS'].map(
      (v): [string, Record<string, unknown>] => [`java update ${v} on prod`, { kind: 'java', action: 'update', version: v }],
    ),
    // releases
    ['release update 7.4.13-u102 on prod', { kind: 'release', action: 'update', release: '7.4.13-u102' }],
    ['release update 2024.q1.3 on prod', { kind: 'release', action: 'update', release: '2024.q1.3' }],
    ['release update 2024.Q1.3 on prod', { kind: 'release', action: 'update', release: '2024.q1.3' }],
    ['release update 2025.Q1.0-LTS on prod', { kind: 'release', action: 'update', release: '2025.q1.0-lts' }],
    // commerce
    ['commerce update 2.0.7 on prod', { kind: 'commerce', action: 'update', version: '2.0.7' }],
    // case-insensitive nouns, verbs, "on" and flags; values keep their case
    ['FixPack INSTALL dxp-14-7110 ON prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    ['Module Update Acme.JAR.jar On prod', { kind: 'module', action: 'update', file: 'Acme.JAR.jar' }],
    ['PROPERTY SET Key=Value On prod', { kind: 'property', action: 'set', settings: [{ key: 'Key', value: 'Value' }] }],
    ['Java Update 17.0.15-LTS on prod', { kind: 'java', action: 'update', version: '17.0.15-LTS' }],
    ['module update x.jar --SCHEMA NONE on prod --Dry-Run', { kind: 'module', action: 'update', file: 'x.jar', schema: 'none', dryRun: true }],
    // whitespace: NBSP, tabs, newlines, runs of spaces
    ['fixpack\u00a0install\u00a0dxp-14-7110\u00a0on\u00a0prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    ['  fixpack\tinstall  dxp-14-7110\non   prod  ', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110' }],
    // flags
    ['module update x.jar --schema none on prod', { kind: 'module', action: 'update', file: 'x.jar', schema: 'none' }],
    ['module update x.jar on prod --schema none', { kind: 'module', action: 'update', file: 'x.jar', schema: 'none' }],
    ['module update x.jar --schema=compatible on prod', { kind: 'module', action: 'update', file: 'x.jar', schema: 'compatible' }],
    ['module update x.jar on prod --schema=breaking --dry-run', { kind: 'module', action: 'update', file: 'x.jar', schema: 'breaking', dryRun: true }],
    ['fixpack install dxp-14-7110 --dry-run on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', dryRun: true }],
    ['jvm set -Xmx8g --dry-run on prod --schema none', { kind: 'jvm', action: 'set', options: ['-Xmx8g'], dryRun: true, schema: 'none' }],
    ['java update 21 on prod --dry-run', { kind: 'java', action: 'update', version: '21', dryRun: true }],
    // values are data, quoted where they hold spaces (whole word or value only, straight or typographic quotes)
    ["property set 'portal.name=My Portal' on prod", { kind: 'property', action: 'set', settings: [{ key: 'portal.name', value: 'My Portal' }] }],
    ['property set portal.name="My Portal" on prod', { kind: 'property', action: 'set', settings: [{ key: 'portal.name', value: 'My Portal' }] }],
    ['property set portal.name=\u201CMy Portal\u201D on prod', { kind: 'property', action: 'set', settings: [{ key: 'portal.name', value: 'My Portal' }] }],
    [
      'property set jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8 on prod',
      { kind: 'property', action: 'set', settings: [{ key: 'jdbc.default.url', value: 'jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8' }] },
    ],
    ['property set "company.default.name=Smith & Co" on prod', { kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'Smith & Co' }] }],
    ['property set company.default.name=\u2018O\u2019Brien & Co\u2019 on prod', { kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'O\u2019Brien & Co' }] }],
    ["property set company.default.name='Café Zürich' on prod", { kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'Café Zürich' }] }],
    ['property set a=x&y b=1|2 c=$(x) on prod', { kind: 'property', action: 'set', settings: [{ key: 'a', value: 'x&y' }, { key: 'b', value: '1|2' }, { key: 'c', value: '$(x)' }] }],
    ['config set com.x.Foo name="a \\"b\\" c" on prod', { kind: 'config', action: 'set', pid: 'com.x.Foo', settings: [{ key: 'name', value: 'a "b" c' }] }],
    ['jvm set -Dfoo="a b" -Xmx8g on prod', { kind: 'jvm', action: 'set', options: ['-Dfoo=a b', '-Xmx8g'] }],
    ["jvm set '-XX:OnOutOfMemoryError=kill -9 %p' on prod", { kind: 'jvm', action: 'set', options: ['-XX:OnOutOfMemoryError=kill -9 %p'] }],
    ['property set a="on prod" on test', { kind: 'property', action: 'set', settings: [{ key: 'a', value: 'on prod' }], cluster: 'test' }],
    // cluster names keep their case
    ['commerce update 2.0.7 on Prod-EU.1', { kind: 'commerce', action: 'update', version: '2.0.7', cluster: 'Prod-EU.1' }],
  ])('%j', (text, request) => {
    const result = parseCommand(text);
    expect(result).toEqual({ ok: true, value: change(request) });
    // every successful parse is a valid MaintenanceRequest, unchanged by the schema
    const parsed = result.ok && result.value.type === 'change' ? result.value.request : undefined;
    expect(MaintenanceRequest.parse(parsed)).toEqual(parsed);
  });
});

/** Every interleaving of `words` (order kept) with every order of `parts`. */
function interleavings(words: readonly string[], parts: readonly string[]): string[][] {
  const permutations = (xs: readonly string[]): string[][] =>
    xs.length === 0 ? [[]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  const merge = (a: readonly string[], b: readonly string[]): string[][] => {
    const [a0, ...aRest] = a;
    const [b0, ...bRest] = b;
    if (a0 === undefined) return [[...b]];
    if (b0 === undefined) return [[...a]];
    return [...merge(aRest, b).map((m) => [a0, ...m]), ...merge(a, bRest).map((m) => [b0, ...m])];
  };
  return permutations(parts).flatMap((p) => merge(words, p));
}

describe('parseCommand: on <cluster> and flags stand anywhere after the verb', () => {
  const cases = [
    ...interleavings(['a=1', 'b=2'], ['on prod', '--schema none', '--dry-run']),
    ...interleavings(['a=1', 'b=2'], ['on prod', '--schema=none', '--dry-run']),
  ].map((parts) => `property set ${parts.join(' ')}`);

  it('covers every position', () => {
    expect(cases).toHaveLength(120);
  });

  it.each(cases)('%j', (text) => {
    expect(parseCommand(text)).toEqual({
      ok: true,
      value: change({ kind: 'property', action: 'set', settings: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], schema: 'none', dryRun: true }),
    });
  });
});

describe('parseCommand: refusals name the offending part', () => {
  it.each<[string, readonly string[]]>([
    ['instal fixpack', ['unknown request "instal"']],
    ['fixpack', ['missing verb for fixpack', 'install or revert']],
    ['fixpack instal dxp-14-7110 on prod', ['unknown verb "instal" for fixpack (expected install or revert)']],
    ['module revert x.jar on prod', ['unknown verb "revert" for module', 'install or update']],
    ['config unset com.x.Foo a on prod', ['unknown verb "unset" for config (expected set)']],
    ['fixpack install on prod', ['missing fix pack id after "fixpack install"']],
    ['fixpack install dxp-14-7110', ['missing "on <cluster>"']],
    ['fixpack install dxp-14-7110 prod', ['unexpected "prod"', 'missing "on" before the cluster']],
    ['fixpack install dxp-14-7110 dxp-15-7110 on prod', ['unexpected "dxp-15-7110"']],
    ['fixpack install dxp-14-7110 on', ['missing cluster after "on"']],
    ['fixpack install dxp-14-7110 on prod on test', ['"on <cluster>" given twice', 'on prod', 'on test']],
    ['fixpack install dxp-14-7110 on pr/od', ['"pr/od" is not a cluster name']],
    ['fixpack install dxp-14-7110 on $(reboot)', ['"$(reboot)" contains a shell metacharacter ("$")']],
    ['fixpack install banana on prod', ['"banana" is not a fix pack id']],
    ['fixpack install hotfix-4445-7110 on prod', ['"hotfix-4445-7110" is a hotfix, not a fix pack', 'hotfix install']],
    ['hotfix revert dxp-14-7110 on prod', ['"dxp-14-7110" is a fix pack, not a hotfix', 'fixpack revert']],
    ['fixpack install dxp-3-7413 on prod', ['"dxp-3-7413"', '7.4', 'no fix packs']],
    ['fixpack install de-27-7110 on prod', ['"de-27-7110"', '"de" fix packs are for build 7010']],
    ['fixpack install dxp-014-7110 on prod', ['"dxp-014-7110" is not a fix pack id']],
    ['hotfix install hotfix-4445 on prod', ['"hotfix-4445" is not a hotfix id']],
    ['hotfix install liferay-dxp-2026.q5.2-hotfix-1.zip on prod', ['"liferay-dxp-2026.q5.2-hotfix-1.zip" is not a hotfix id', 'liferay-dxp-2026.q1.2-hotfix-1.zip']],
    ['fixpack install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', ['"liferay-dxp-2026.q1.2-hotfix-1.zip" is a hotfix, not a fix pack', 'hotfix install']],
    ['module install ../x.jar on prod', ['"../x.jar" is not a file name: path separators and ".." are not allowed']],
    ['module install /opt/x.jar on prod', ['"/opt/x.jar"', 'path separators']],
    ['module install ..\\x.jar on prod', ['"..\\x.jar"', 'path separators']],
    ['module install x..jar on prod', ['"x..jar"', '".."']],
    ['module install x.war on prod', ['"x.war" is not a module file', '.jar or .lpkg']],
    ['plugin install x.jar on prod', ['"x.jar" is not a plugin file', '.war']],
    ['module install x.JAR on prod', ['"x.JAR" is not a module file']],
    ['module install -x.jar on prod', ['unknown flag -x.jar']],
    ['module install .jar on prod', ['".jar" is not a file name']],
    ['module install x;reboot.jar on prod', ['"x;reboot.jar" contains a shell metacharacter (";")']],
    ['module install `id`.jar on prod', ['shell metacharacter ("`")']],
    ['module install x.jar on prod --force', ['unknown flag --force']],
    ['module install x.jar -f on prod', ['unknown flag -f']],
    ['module install x.jar --dry-run --dry-run on prod', ['flag --dry-run given twice']],
    ['module install x.jar --dry-run=yes on prod', ['--dry-run takes no value', '"--dry-run=yes"']],
    ['module install x.jar --schema on prod', ['unknown --schema value "on"', 'none, compatible or breaking']],
    ['module install x.jar on prod --schema', ['missing value after --schema']],
    ['module install x.jar on prod --schema=', ['missing value after --schema']],
    ['module install x.jar on prod --schema=maybe', ['unknown --schema value "maybe"']],
    ['module install x.jar --schema none --schema=none on prod', ['flag --schema given twice']],
    ['property set on prod', ['missing <key>=<value> after "property set"']],
    ['property set timeout on prod', ['"timeout" is not <key>=<value>', 'missing "="']],
    ['property set =30 on prod', ['"=30"', 'missing the key']],
    ['property set a="My Portal on prod', ['unclosed quote at character 16: "My Portal on prod has no closing " (a closing quote ends its word)']],
    ['property set a=\u201CMy Portal" on prod', ['unclosed quote at character 16', 'no closing \u201D']],
    ['property set "a b=1" on prod', ['property key "a b" contains a space, which only values may hold']],
    ['property set a="x\ty" on prod', ['U+0009']],
    ['property unset "a b" on prod', ['"a b" contains a space']],
    ['module install "x y.jar" on prod', ['"x y.jar" contains a space']],
    ['module install "x;y.jar" on prod', ['shell metacharacter (";")']],
    ['fixpack install dxp-14-7110 on "pr od"', ['cluster name "pr od" contains a space']],
    ['config set "com.x Foo" a=1 on prod', ['"com.x Foo" contains a space']],
    ['jvm set "-D x=1" on prod', ['its name "-D x" contains a space']],
    ['property set a@b=1 on prod', ['"a@b" is not a property key']],
    ['property set a=1 a=2 on prod', ['"a" is given twice']],
    ['property unset a=1 on prod', ['"a=1" is not a property key', 'without "="']],
    ['property unset on prod', ['missing property key after "property unset"']],
    ['config set on prod', ['missing PID after "config set"']],
    ['config set com.x.Foo on prod', ['missing <key>=<value> after "config set com.x.Foo"']],
    ['config set ../com.x.Foo a=1 on prod', ['"../com.x.Foo" is not a PID: path separators and ".." are not allowed']],
    ['config set com..x a=1 on prod', ['"com..x"', '".."']],
    ['config set com.x.Foo.config a=1 on prod', ['"com.x.Foo.config"', 'without the file extension']],
    ['config set com.x.Foo~a~b a=1 on prod', ['"com.x.Foo~a~b" is not a PID']],
    ['config set com.x.Foo$ a=1 on prod', ['"com.x.Foo$" contains a shell metacharacter ("$")']],
    ['config set com.x.Foo a[0]=1 on prod', ['"a[0]" is not a config key']],
    ['jvm set Xmx8g on prod', ['"Xmx8g" is not a JVM option: it must start with "-"']],
    ['jvm set -Xlog:gc* on prod', ['"-Xlog:gc*" is not a JVM option']],
    ['jvm set -D$X=1 on prod', ['its name "-D$X" contains a shell metacharacter ("$")']],
    ['jvm set -Xmx8g -Xmx8g on prod', ['"-Xmx8g" is given twice']],
    ['jvm unset on prod', ['missing JVM option after "jvm unset"']],
    ['java update eleven on prod', ['"eleven" is not a Java version']],
    ['java update 1.9.0 on prod', ['"1.9.0" is not a Java version']],
    ['java update 17 21 on prod', ['unexpected "21"']],
    ['java update on prod', ['missing Java version after "java update"']],
    ['release update 7.4.13.u102 on prod', ['"7.4.13.u102" is not a release']],
    ['release update 2024.q5.1 on prod', ['"2024.q5.1" is not a release']],
    ['commerce update 2.0 on prod', ['"2.0" is not a Commerce version']],
    ['commerce update v2.0.7 on prod', ['"v2.0.7" is not a Commerce version']],
    ['help me', ['unexpected "me" after help']],
    ['status prod test', ['unexpected "test"']],
    ['status ../prod', ['"../prod" is not a cluster name']],
    ['history $(id)', ['"$(id)" contains a shell metacharacter ("$")']],
    ['fixpack\u0007 install', ['U+0007']],
    ['fixpack install dxp-14-7110 on prod\u200b', ['U+200B']],
    ['fixpack install dxp-14-7110 on prod\u001b[2J', ['U+001B']],
    ['x'.repeat(5000), ['too long']],
    [`module install ${'a'.repeat(100)}/x.jar on prod`, ['…"', 'path separators']],
  ])('%j', (text, fragments) => {
    const reason = expectOneLineFailure(text);
    for (const fragment of fragments) expect(reason).toContain(fragment);
  });
});

// ---- property tests ----------------------------------------------------------------------------

function assertTotal(text: string): void {
  const result = parseCommand(text);
  if (result.ok) {
    if (result.value.type === 'change') {
      MaintenanceRequest.parse(result.value.request);
      for (const value of strictLeaves(result.value.request)) expect(findUnsafeCharacter(value)).toBeUndefined();
      for (const value of stringLeaves(result.value.request)) expect(findUnprintableCharacter(value)).toBeUndefined();
    }
    return;
  }
  expect(result.error.code).toBe('parse_error');
  expect(result.error.reason).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
  expect(result.error.reason.length).toBeGreaterThan(0);
  expect(result.error.reason).not.toMatch(/^internal parser error/);
}

/** Every string of a request but the values (setting values, what follows a JVM option's "="), which are data. */
function strictLeaves(request: MaintenanceRequest): string[] {
  if (request.kind === 'jvm') return [...stringLeaves({ ...request, options: [] }), ...request.options.map((o) => o.split('=')[0] ?? '')];
  if (request.kind === 'config' || (request.kind === 'property' && request.action === 'set')) {
    return [...stringLeaves({ ...request, settings: [] }), ...request.settings.map((s) => s.key)];
  }
  return stringLeaves(request);
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}

const GRAMMAR_WORDS = [
  'help', 'status', 'history', 'fixpack', 'hotfix', 'module', 'plugin', 'property', 'config', 'jvm', 'java', 'release', 'commerce',
  'install', 'revert', 'update', 'set', 'unset', 'INSTALL', 'Set', 'on', 'ON', 'prod', 'test-1', '--schema', '--schema=none', '--SCHEMA=Breaking',
  'none', 'compatible', 'breaking', '--dry-run', '--force', '-x', 'dxp-14-7110', 'de-32-7010', 'liferay-fix-pack-dxp-14-7110.zip', 'hotfix-4445-7110',
  'liferay-hotfix-4445-7110.zip', 'dxp-3-7413', 'x.jar', 'y.lpkg', 'z.war', '../x.jar', 'a=1', 'b=http://x/y', 'a=$(reboot)', 'k[0]=v', '=', 'key',
  'com.x.Foo~default', '-Xmx8g', '-XX:+UseG1GC', '--add-opens=java.base/java.lang=ALL-UNNAMED', '1.8.0_292', '17.0.15+6', '21', '11.0.20.1',
  '2024.q1.3', '7.4.13-u102', '2.0.7', '“x”', 'é', ';', '|', '`', '\\', '\u200b', '\u0000', '', '..', '/',
  '"', "'", '“', '”', '‘', '’', 'a="x y"', "'a=b c'", 'a=“x', '-Dx="a b"', '"on prod"', 'a=\\"',
];
const SEPARATORS = [' ', '  ', '\u00a0', '\t', '\n'];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...GRAMMAR_WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
  .map((pairs) => pairs.map(([word, sep]) => word + sep).join(''));

const ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  'fixpack install': ['dxp-14-7110', 'liferay-fix-pack-de-27-7010.zip'],
  'hotfix revert': ['hotfix-4445-7110', 'liferay-hotfix-1-7413.zip', 'liferay-dxp-2026.q1.2-hotfix-1.zip'],
  'module update': ['x.jar', 'y.lpkg'],
  'plugin install': ['z.war'],
  'property set': ['a=1', 'b=http://x/y?z=1,2', 'c='],
  'property unset': ['a', 'b.c[x]'],
  'config set': ['com.x.Foo~default a=1', 'com.x.Bar b=2 c=3'],
  'jvm set': ['-Xmx8g', '-XX:MaxMetaspaceSize=1g', '--add-opens=java.base/java.lang=ALL-UNNAMED'],
  'jvm unset': ['-Xms2g'],
  'java update': ['1.8.0_292', '17.0.15+6', '21', '11.0.20.1'],
  'release update': ['2024.Q1.3', '7.4.13-u102'],
  'commerce update': ['2.0.7'],
};

/** Nearly-valid requests: a real noun and verb, real arguments, the trailer parts shuffled in. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom(...Object.keys(ARGUMENTS)),
    fc.nat(),
    fc.shuffledSubarray(['on prod', '--schema none', '--schema=compatible', '--dry-run', 'on test'], { minLength: 0 }),
    fc.nat(),
  )
  .map(([phrase, pick, trailer, split]) => {
    const args = ARGUMENTS[phrase] ?? [];
    const arg = args[pick % args.length] ?? '';
    const words = arg.split(' ');
    const at = phrase === 'config set' ? 1 + (split % words.length) : split % (words.length + 1);
    return [phrase, ...words.slice(0, at), ...trailer, ...words.slice(at)].join(' ');
  });

describe('parseCommand is total', () => {
  it('never throws for any string, and every failure is one line with the usage', () => {
    fc.assert(fc.property(fc.string(), (text) => assertTotal(text)), { numRuns: 2000 });
  });

  it('never throws for any full-Unicode string (code points, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => assertTotal(text)), { numRuns: 2000 });
  });

  it('never throws for any grapheme string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => assertTotal(text)), { numRuns: 1000 });
  });

  it('never throws for token soups of grammar words, and every success passes MaintenanceRequest', () => {
    fc.assert(fc.property(tokenSoup, (text) => assertTotal(text)), { numRuns: 3000 });
  });

  it('parses nearly-valid requests to valid MaintenanceRequests or a one-line reason', () => {
    let successes = 0;
    fc.assert(
      fc.property(nearlyValid, (text) => {
        assertTotal(text);
        if (parseCommand(text).ok) successes++;
      }),
      { numRuns: 2000 },
    );
    expect(successes).toBeGreaterThan(100);
  });
});
