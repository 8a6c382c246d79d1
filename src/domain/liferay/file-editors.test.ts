import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOsgiConfigValues, setOsgiConfigValues } from './edit-osgi-config.ts';
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

// ---- values are data: what each file's reader gets back ----------------------------------------

/** Printable text a value may hold: quotes, backslashes, shell characters, non-ASCII letters (beyond U+FFFF too), plain spaces. */
const printable = fc
  .string({ unit: fc.oneof(fc.constantFrom(' ', '"', "'", '\\', '=', ':', '#', '!', '&', ';', '|', '$', '`', '<', '>', '(', '*', 'é', '😀', '\u2019'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 })
  .filter((v) => !/[\p{C}\p{Zl}\p{Zp}]/u.test(v) && !/[^\S ]/u.test(v));

/**
 * A `.config` string value as Felix's `ConfigurationHandler.readQuoted` reads it (what Liferay's
 * file install uses): `\x` is `x`, `\b \t \n \f \r`, `\uXXXX` one UTF-16 unit; an unescaped space,
 * `=` or `"` ends the string.
 */
function felixString(line: string): string {
  const start = line.indexOf('="') + 2;
  let out = '';
  for (let i = start; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '\\') {
      const e = line[++i] ?? '';
      if (e === 'u') {
        out += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
        i += 4;
      } else out += ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' } as Record<string, string>)[e] ?? e;
    } else if (c === ' ' || c === '=' || c === '"') return out;
    else out += c;
  }
  return out;
}

describe('values with spaces, quotes and shell characters reach each file exactly', () => {
  it('portal-ext.properties: the MySQL URL, Smith & Co, a non-ASCII name', () => {
    const edited = setPortalProperties('', [
      { key: 'jdbc.default.url', value: 'jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8' },
      { key: 'company.default.name', value: 'Smith & Co' },
      { key: 'company.default.web.id', value: 'Café Zürich' },
      { key: 'lead', value: ' x\\y' },
    ]);
    expect(edited).toBe('jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8\ncompany.default.name=Smith & Co\ncompany.default.web.id=Caf\\u00e9 Z\\u00fcrich\nlead=\\ x\\\\y\n');
  });

  it('portal-ext.properties: any printable value reads back as java.util.Properties reads it', () => {
    fc.assert(fc.property(printable, (value) => {
      expect(readPortalProperties(setPortalProperties('a=1\n', [{ key: 'k', value }])).get('k')).toBe(value);
    }), { numRuns: 1000 });
  });

  it('.config: a space, "=", a quote and a backslash are escaped the way Felix reads them', () => {
    expect(setOsgiConfigValues('', [{ key: 'name', value: 'Say "hi" = C:\\ 😀 é' }])).toBe('name="Say\\ \\"hi\\"\\ \\=\\ C:\\\\\\ \\ud83d\\ude00\\ \\u00e9"\n');
  });

  it('.config: any printable value reads back whole through Felix\'s rules', () => {
    fc.assert(fc.property(printable, (value) => {
      const line = setOsgiConfigValues('', [{ key: 'k', value }]).trimEnd();
      expect(felixString(line)).toBe(value);
      expect(line.endsWith('"')).toBe(true);
    }), { numRuns: 1000 });
  });

  it('.config: any printable value written reads back whole through readOsgiConfigValues', () => {
    fc.assert(fc.property(printable, (value) => {
      expect(readOsgiConfigValues(setOsgiConfigValues('a="1"\n', [{ key: 'k', value }])).get('k')).toBe(value);
    }), { numRuns: 1000 });
  });

  it.each([
    ['a string', 'k="a\\ b"', 'a b'],
    ['a typed scalar', 'k=I"5"', '5'],
    ['a boolean', 'k=B"true"', 'true'],
    ['an escape', 'k="caf\\u00e9\\tx"', 'café\tx'],
    ['an array, as written', 'k=["a","b"]', '["a","b"]'],
    ['an array over lines', 'k=[ \\\n  "a", \\\n  "b" \\\n  ]', '[ \\\n"a", \\\n"b" \\\n]'],
    ['the last of a duplicate', 'k="1"\nk="2"', '2'],
    ['around a comment and spaces', '# k="0"\n  k = "3"  ', '3'],
  ])('.config: readOsgiConfigValues reads %s', (_name, text, value) => {
    expect(readOsgiConfigValues(text).get('k')).toBe(value);
  });

  /** What catalina.sh hands the JVM: it sources setenv.sh, then `eval exec "\"$_RUNJAVA\"" … "$CATALINA_OPTS" …`. */
  function jvmArguments(setenv: string): string[] {
    const script = `CATALINA_OPTS=; . ./setenv.sh; _RUNJAVA=printf; eval exec "\\"$_RUNJAVA\\"" "'%s\\\\0'" "$CATALINA_OPTS"`;
    const dir = mkdtempSync(join(tmpdir(), 'setenv-'));
    try {
      writeFileSync(join(dir, 'setenv.sh'), setenv);
      return execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' }).split('\0').slice(0, -1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each([
    ['a space', '-Dfoo=a b', `CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Dfoo='a b'"`],
    ['quotes', '-Dq=say "hi" it\'s', `CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Dq='say \\"hi\\" it'\\\\''s'"`],
    ['shell characters', '-Dx=$HOME `id`; a|b & c > d', `CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Dx='\\$HOME \\\`id\\\`; a|b & c > d'"`],
    ['a backslash', '-Dpath=C:\\temp', `CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Dpath='C:\\\\temp'"`],
  ])('setenv.sh: an option with %s is quoted so the JVM gets it as one argument', (_name, option, line) => {
    const result = editJvmOptions('#!/bin/sh\nCATALINA_OPTS="$CATALINA_OPTS -Xmx2g"\n', 'set', [option]);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toBe(`#!/bin/sh\n${line}\n`);
    expect(readJvmOptions(result.value)).toEqual(['-Xmx2g', option]);
    expect(jvmArguments(result.value)).toEqual(['-Xmx2g', option]);
  });

  it('setenv.sh: any printable option value reaches the JVM exactly, in a double- or a single-quoted line', () => {
    fc.assert(fc.property(printable, fc.constantFrom('"', "'"), (value, quote) => {
      const option = `-Dk=${value}`;
      const result = editJvmOptions(`CATALINA_OPTS=${quote}-Xmx2g -Dk=old${quote}\n`, 'set', [option]);
      if (!result.ok) throw new Error(result.error);
      expect(readJvmOptions(result.value)).toEqual(['-Xmx2g', option]);
      expect(jvmArguments(result.value)).toEqual(['-Xmx2g', option]);
      const unset = editJvmOptions(result.value, 'unset', [option]);
      expect(unset.ok && readJvmOptions(unset.value)).toEqual(['-Xmx2g']);
    }), { numRuns: 60 });
  });

  it('setenv.sh: a quoted option already in the file is read and replaced by its key', () => {
    const setenv = `CATALINA_OPTS="$CATALINA_OPTS -Dfoo=\\"a b\\" '-Dbar=x y' -Xmx2g"\n`;
    expect(readJvmOptions(setenv)).toEqual(['-Dfoo=a b', '-Dbar=x y', '-Xmx2g']);
    const result = editJvmOptions(setenv, 'set', ['-Dfoo=c']);
    expect(result.ok && result.value).toBe(`CATALINA_OPTS="$CATALINA_OPTS '-Dbar=x y' -Xmx2g -Dfoo=c"\n`);
  });

  it('setenv.sh: a single-quoted line cannot hold a \', so such an option goes on a line of its own', () => {
    const result = editJvmOptions(`CATALINA_OPTS='-Xmx2g'\n`, 'set', ["-Dname=O'Brien"]);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toBe(`CATALINA_OPTS='-Xmx2g'\nCATALINA_OPTS="$CATALINA_OPTS -Dname='O'\\\\''Brien'"\n`);
    expect(jvmArguments(result.value)).toEqual(['-Xmx2g', "-Dname=O'Brien"]);
  });

  it('setenv.sh: an option built from an expansion is left to a person', () => {
    const result = editJvmOptions('CATALINA_OPTS="$CATALINA_OPTS -Dfoo=$FOO"\n', 'set', ['-Dfoo=bar']);
    expect(result).toEqual({ ok: false, error: 'setenv.sh sets -Dfoo=$FOO from a shell expansion: change it by hand' });
  });
});
