import { describe, expect, it } from 'vitest';
import { parseJvmOption } from './parse-jvm-option.ts';

describe('parseJvmOption', () => {
  it.each([
    '-Xmx8g',
    '-Xms2g',
    '-XX:MaxMetaspaceSize=1g',
    '-XX:+UseG1GC',
    '-XX:-UseCompressedOops',
    '-Dfile.encoding=UTF-8',
    '-Duser.timezone=GMT',
    '-Djava.io.tmpdir=/var/tmp',
    '-Xlog:gc:file=/var/log/gc%p.log',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '-Dlist=a,b',
  ])('accepts %j', (token) => {
    expect(parseJvmOption(token)).toEqual({ ok: true, value: token });
  });

  it.each([
    ['Xmx8g', 'must start with "-"'],
    ['-', 'is not a JVM option'],
    ['-Xlog:gc*', 'is not a JVM option'],
    ['-Dx=a b', 'not printable ASCII'],
    ['-Dx=$HOME', 'shell metacharacter ("$")'],
    ['-Dx=`id`', 'shell metacharacter ("`")'],
    ['-Dx="y"', 'shell metacharacter (""")'],
    ['-Dx=é', 'not printable ASCII'],
    ['-Dx=(y)', 'is not a JVM option'],
  ])('refuses %j: %s', (token, fragment) => {
    const result = parseJvmOption(token);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
