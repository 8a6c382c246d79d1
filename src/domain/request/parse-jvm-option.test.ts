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
    // what follows the "=" is data
    '-Dfoo=a b',
    '-Dx="y"',
    '-Dx=$HOME `id` ; | & < > \\',
    '-Dx=(y)',
    '-Dcompany=Café Zürich',
    '-XX:OnOutOfMemoryError=kill -9 %p',
    '-Dempty=',
  ])('accepts %j', (token) => {
    expect(parseJvmOption(token)).toEqual({ ok: true, value: token });
  });

  it.each([
    ['Xmx8g', 'must start with "-"'],
    ['-', 'is not a JVM option'],
    ['-Xlog:gc*', 'is not a JVM option'],
    ['-Xlog:gc*:file=x', 'is not a JVM option'],
    ['-D$x=1', 'its name "-D$x" contains a shell metacharacter ("$")'],
    ['-D x=1', 'contains a space'],
    ['-Dé=1', 'not printable ASCII'],
    ['-Dx=a\u00a0b', 'the value of JVM option "-Dx" contains U+00A0'],
    [`-Dx=${'v'.repeat(1001)}`, 'too long'],
  ])('refuses %j: %s', (token, fragment) => {
    const result = parseJvmOption(token);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
