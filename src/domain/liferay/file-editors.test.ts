import { describe, expect, it } from 'vitest';
import { setOsgiConfigValues } from './edit-osgi-config.ts';
import { readPortalProperties, setPortalProperties, unsetPortalProperties } from './edit-portal-properties.ts';
import { editJvmOptions, jvmOptionKey, readJvmOptions, setJavaHome } from './edit-setenv.ts';

const properties = ['# Liferay portal-ext', 'jdbc.default.url=jdbc:mysql://db/lportal', 'session.timeout=15', '', 'company.default.locale=en_US', 'layout.static.portlets.all=a,\\', '    b,\\', '    c', 'session.timeout=20', ''].join('\n');

describe('portal-ext.properties editing', () => {
  it.each([
    ['replaces in place, drops later duplicates', [{ key: 'session.timeout', value: '30' }], ['# Liferay portal-ext', 'jdbc.default.url=jdbc:mysql://db/lportal', 'session.timeout=30', '', 'company.default.locale=en_US', 'layout.static.portlets.all=a,\\', '    b,\\', '    c']],
    ['appends a new key', [{ key: 'new.key', value: 'x=y' }], [...properties.split('\n').slice(0, -1), 'new.key=x=y']],
    ['replaces a continued value whole', [{ key: 'layout.static.portlets.all', value: 'z' }], ['# Liferay portal-ext', 'jdbc.default.url=jdbc:mysql://db/lportal', 'session.timeout=15', '', 'company.default.locale=en_US', 'layout.static.portlets.all=z', 'session.timeout=20']],
  ])('%s', (_name, settings, expected) => {
    expect(setPortalProperties(properties, settings)).toBe(`${expected.join('\n')}\n`);
  });

  it('is idempotent', () => {
    const once = setPortalProperties(properties, [{ key: 'session.timeout', value: '30' }]);
    expect(setPortalProperties(once, [{ key: 'session.timeout', value: '30' }])).toBe(once);
  });

  it('unsets every occurrence and keeps the rest', () => {
    const result = unsetPortalProperties(properties, ['session.timeout', 'layout.static.portlets.all']);
    expect(result).toBe('# Liferay portal-ext\njdbc.default.url=jdbc:mysql://db/lportal\n\ncompany.default.locale=en_US\n');
  });

  it('reads values back (last wins, continuations joined, unicode escapes)', () => {
    const edited = setPortalProperties(properties, [{ key: 'greeting', value: 'grüß' }]);
    expect(edited).toContain('greeting=gr\\u00fc\\u00df');
    const values = readPortalProperties(edited);
    expect(values.get('session.timeout')).toBe('20');
    expect(values.get('layout.static.portlets.all')).toBe('a,b,c');
    expect(values.get('greeting')).toBe('grüß');
  });

  it('handles an empty file', () => {
    expect(setPortalProperties('', [{ key: 'a', value: 'b' }])).toBe('a=b\n');
  });
});

describe('osgi .config editing', () => {
  it.each([
    ['new file', '', [{ key: 'operationMode', value: 'REMOTE' }], 'operationMode="REMOTE"\n'],
    ['replace, keep others', '# c\noperationMode="EMBEDDED"\nnetworkHostAddresses=["http://es:9200"]\n', [{ key: 'operationMode', value: 'REMOTE' }], '# c\noperationMode="REMOTE"\nnetworkHostAddresses=["http://es:9200"]\n'],
    ['escapes and appends', 'a="1"\n', [{ key: 'b', value: 'ü' }], 'a="1"\nb="\\u00fc"\n'],
  ])('%s', (_name, text, settings, expected) => {
    expect(setOsgiConfigValues(text, settings)).toBe(expected);
  });
});

describe('setenv.sh editing', () => {
  const setenv = '#!/bin/sh\nCATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Duser.timezone=GMT -Xmx2g"\nCATALINA_OPTS="$CATALINA_OPTS -XX:+UseG1GC"\n';

  it.each([
    ['-Xmx8g', '-Xmx'],
    ['-Xms1024m', '-Xms'],
    ['-XX:MaxMetaspaceSize=1g', '-XX:MaxMetaspaceSize'],
    ['-XX:+UseG1GC', '-XX:UseG1GC'],
    ['-XX:-UseG1GC', '-XX:UseG1GC'],
    ['-Dfile.encoding=UTF-8', '-Dfile.encoding'],
    ['-server', '-server'],
  ])('key of %s is %s', (option, key) => {
    expect(jvmOptionKey(option)).toBe(key);
  });

  it.each([
    ['set replaces by key', 'set', ['-Xmx8g'], ['-Dfile.encoding=UTF-8', '-Duser.timezone=GMT', '-XX:+UseG1GC', '-Xmx8g']],
    ['set flips a boolean flag', 'set', ['-XX:-UseG1GC'], ['-Dfile.encoding=UTF-8', '-Duser.timezone=GMT', '-Xmx2g', '-XX:-UseG1GC']],
    ['unset removes', 'unset', ['-XX:+UseG1GC'], ['-Dfile.encoding=UTF-8', '-Duser.timezone=GMT', '-Xmx2g']],
  ] as const)('%s', (_name, action, options, expected) => {
    const result = editJvmOptions(setenv, action, options);
    expect(result.ok && readJvmOptions(result.value)).toEqual(expected);
  });

  it('adds a CATALINA_OPTS line when there is none', () => {
    const result = editJvmOptions('#!/bin/sh\n', 'set', ['-Xmx4g']);
    expect(result.ok && result.value).toBe('#!/bin/sh\nCATALINA_OPTS="$CATALINA_OPTS -Xmx4g"\n');
  });

  it('refuses a form it cannot edit safely', () => {
    const result = editJvmOptions('CATALINA_OPTS=$(cat opts) -Xmx2g\n', 'set', ['-Xmx4g']);
    expect(result.ok).toBe(false);
  });

  it('is idempotent', () => {
    const once = editJvmOptions(setenv, 'set', ['-Xmx8g']);
    const twice = once.ok ? editJvmOptions(once.value, 'set', ['-Xmx8g']) : once;
    expect(twice).toEqual(once);
  });

  it.each([
    ['replaces JAVA_HOME', '#!/bin/sh\nexport JAVA_HOME=/usr/lib/jvm/8\n', '#!/bin/sh\nexport JAVA_HOME="/usr/lib/jvm/11"\n'],
    ['adds JAVA_HOME after the shebang', '#!/bin/sh\nCATALINA_OPTS=""\n', '#!/bin/sh\nexport JAVA_HOME="/usr/lib/jvm/11"\nCATALINA_OPTS=""\n'],
  ])('%s', (_name, text, expected) => {
    expect(setJavaHome(text, '/usr/lib/jvm/11')).toBe(expected);
  });
});
