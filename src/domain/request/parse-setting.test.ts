import { describe, expect, it } from 'vitest';
import type { Setting } from './maintenance-request.ts';
import { parseSetting } from './parse-setting.ts';
import type { SettingTarget } from './parse-setting-key.ts';

describe('parseSetting', () => {
  it.each<[string, SettingTarget, Setting]>([
    ['a=1', 'property', { key: 'a', value: '1' }],
    ['a=', 'property', { key: 'a', value: '' }],
    ['a==b', 'property', { key: 'a', value: '=b' }],
    ['url=https://x.example.com:8443/a/../b?q=1,2*', 'property', { key: 'url', value: 'https://x.example.com:8443/a/../b?q=1,2*' }],
    ['k[x]=Value', 'property', { key: 'k[x]', value: 'Value' }],
    ['enabled=true', 'config', { key: 'enabled', value: 'true' }],
    ['list=a,b,c', 'config', { key: 'list', value: 'a,b,c' }],
    // values are data: any printable text
    ['portal.name=My Portal', 'property', { key: 'portal.name', value: 'My Portal' }],
    ['jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8', 'property', { key: 'jdbc.default.url', value: 'jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8' }],
    ['company.default.name=Smith & Co', 'property', { key: 'company.default.name', value: 'Smith & Co' }],
    ['company.default.name=Café Zürich', 'property', { key: 'company.default.name', value: 'Café Zürich' }],
    ['a=$(x);`y`|<z>\\\'"“”', 'config', { key: 'a', value: '$(x);`y`|<z>\\\'"“”' }],
  ])('%j as %s -> %j', (token, target, setting) => {
    expect(parseSetting(token, target)).toEqual({ ok: true, value: setting });
  });

  it.each<[string, SettingTarget, string]>([
    ['a', 'property', '"a" is not <key>=<value>: missing "="'],
    ['=1', 'property', 'missing the key'],
    ['a=x\u00a0y', 'property', 'the value of a contains U+00A0, which is not printable'],
    ['a=x\ty', 'config', 'U+0009'],
    ['a=x\u200by', 'property', 'U+200B'],
    ['$(x)=1', 'property', 'property key "$(x)" contains a shell metacharacter ("$")'],
    ['a b=1', 'property', 'property key "a b" contains a space'],
    ['k[x]=1', 'config', '"k[x]" is not a config key'],
  ])('refuses %j as %s: %s', (token, target, fragment) => {
    const result = parseSetting(token, target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
