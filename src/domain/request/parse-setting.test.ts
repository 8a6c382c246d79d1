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
  ])('%j as %s -> %j', (token, target, setting) => {
    expect(parseSetting(token, target)).toEqual({ ok: true, value: setting });
  });

  it.each<[string, SettingTarget, string]>([
    ['a', 'property', '"a" is not <key>=<value>: missing "="'],
    ['=1', 'property', 'missing the key'],
    ['a=$(x)', 'property', 'shell metacharacter ("$")'],
    ['a=`x`', 'config', 'shell metacharacter ("`")'],
    ['a=x;y', 'property', 'shell metacharacter (";")'],
    ['a=\u201Cx\u201D', 'property', 'typographic quote'],
    ['a=ü', 'property', 'not printable ASCII'],
    ['k[x]=1', 'config', '"k[x]" is not a config key'],
  ])('refuses %j as %s: %s', (token, target, fragment) => {
    const result = parseSetting(token, target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
