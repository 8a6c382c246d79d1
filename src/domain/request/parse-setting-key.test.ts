import { describe, expect, it } from 'vitest';
import { parseSettingKey, type SettingTarget } from './parse-setting-key.ts';

describe('parseSettingKey', () => {
  it.each<[string, SettingTarget]>([
    ['session.timeout', 'property'],
    ['layout.static.portlets.start.column-1[user]', 'property'],
    ['jdbc.default.driverClassName', 'property'],
    ['company_default-web.id', 'property'],
    ['enabled', 'config'],
    ['http.proxy-host_1', 'config'],
  ])('accepts %j as a %s key', (token, target) => {
    expect(parseSettingKey(token, target)).toEqual({ ok: true, value: token });
  });

  it.each<[string, SettingTarget, string]>([
    ['a[0]', 'config', '"a[0]" is not a config key'],
    ['.a', 'property', 'is not a property key'],
    ['[a]', 'property', 'is not a property key'],
    ['a:b', 'property', 'is not a property key'],
    ['a=b', 'config', 'is not a config key'],
    ['a$', 'property', 'shell metacharacter ("$")'],
    ['clé', 'property', 'not printable ASCII'],
    ['', 'property', 'is not a property key'],
  ])('refuses %j as a %s key: %s', (token, target, fragment) => {
    const result = parseSettingKey(token, target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
