import { describe, expect, it } from 'vitest';
import { parsePid } from './parse-pid.ts';

describe('parsePid', () => {
  it.each(['com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration', 'com.liferay.x.Foo~default', 'com.acme_x-y.Bar~my-instance.1', 'Foo'])(
    'accepts %j',
    (token) => {
      expect(parsePid(token)).toEqual({ ok: true, value: token });
    },
  );

  it.each([
    ['../etc/passwd', 'path separators and ".." are not allowed'],
    ['com/x', 'path separators'],
    ['com\\x', 'path separators'],
    ['com..x', '".."'],
    ['com.x$', 'shell metacharacter ("$")'],
    ['com.x.Foo.config', 'without the file extension'],
    ['com.x.Foo.cfg', 'without the file extension'],
    ['com.x~a~b', 'is not a PID'],
    ['~default', 'is not a PID'],
    ['com.x~', 'is not a PID'],
    ['.com.x', 'is not a PID'],
    ['com.x=1', 'is not a PID'],
    ['a'.repeat(201), 'is not a PID'],
  ])('refuses %j: %s', (token, fragment) => {
    const result = parsePid(token);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
