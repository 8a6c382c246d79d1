import { describe, expect, it } from 'vitest';
import { parseRequest } from '../request/parse-request.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { describeRequest } from '../request/describe-request.ts';
import { currentSettings } from './current-settings.ts';
import { maskedRequest } from './masked-request.ts';
import { MASKED } from './mask-secret.ts';
import { settingDiff, type CurrentSettings, type KeyDiff } from './setting-diff.ts';

function request(text: string): MaintenanceRequest {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
}

const NODES = ['node1', 'node2', 'node3'];
const same = (values: Record<string, string>): Map<string, CurrentSettings> => new Map(NODES.map((n) => [n, new Map(Object.entries(values))]));

describe('settingDiff: one key against the nodes that all agree', () => {
  it.each<[string, string, Record<string, string>, KeyDiff['byNodes'][number]['change']]>([
    ['old → new', 'property set session.timeout=45 on prod', { 'session.timeout': '30' }, { kind: 'changed', from: '30', to: '45' }],
    ['added: no current value', 'property set session.timeout=45 on prod', {}, { kind: 'added', to: '45' }],
    ['changed: an empty current value is a value', 'property set session.timeout=45 on prod', { 'session.timeout': '' }, { kind: 'changed', from: '', to: '45' }],
    ['unchanged: the same value, a no-op', 'property set session.timeout=45 on prod', { 'session.timeout': '45' }, { kind: 'unchanged', value: '45' }],
    ['removed: unset of a key the nodes have', 'property unset session.timeout on prod', { 'session.timeout': '30' }, { kind: 'removed', from: '30' }],
    ['unchanged: unset of a key the nodes do not have', 'property unset session.timeout on prod', {}, { kind: 'unchanged', value: undefined }],
    ['a config key', 'config set com.acme.Foo enabled=true on prod', { enabled: 'false' }, { kind: 'changed', from: 'false', to: 'true' }],
    ['a secret, changed: both masked', 'property set jdbc.default.password=n3w on prod', { 'jdbc.default.password': 'old' }, { kind: 'changed', from: MASKED, to: MASKED }],
    ['a secret, unchanged: still told, masked', 'property set jdbc.default.password=same on prod', { 'jdbc.default.password': 'same' }, { kind: 'unchanged', value: MASKED }],
    ['a secret, removed: masked', 'property unset api.token on prod', { 'api.token': 'abc' }, { kind: 'removed', from: MASKED }],
    ['a config secret, added: masked', 'config set com.acme.Sso clientSecret=s3cr3t on prod', {}, { kind: 'added', to: MASKED }],
  ])('%s', (_name, text, values, change) => {
    const diff = settingDiff(request(text), NODES, same(values));
    expect(diff?.keys).toHaveLength(1);
    expect(diff?.keys[0]?.byNodes).toEqual([{ nodes: NODES, change }]);
    expect(diff?.unread).toEqual([]);
  });
});

describe('settingDiff', () => {
  it('names the file each request edits', () => {
    expect(settingDiff(request('property set a=1 on prod'), NODES, same({}))?.file).toBe('portal-ext.properties');
    expect(settingDiff(request('config set com.acme.Foo~default a=1 on prod'), NODES, same({}))?.file).toBe('osgi/configs/com.acme.Foo~default.config');
  });

  it('is undefined for a request that sets no property or config key', () => {
    expect(settingDiff(request('fixpack install dxp-14-7110 on prod'), NODES, same({}))).toBeUndefined();
    expect(settingDiff(request('jvm set -Xmx4g on prod'), NODES, same({}))).toBeUndefined();
  });

  it('shows nodes that differ node by node, in node order, grouping those that agree', () => {
    const current = new Map([
      ['node1', new Map([['session.timeout', '30']])],
      ['node2', new Map<string, string>()],
      ['node3', new Map([['session.timeout', '30']])],
    ]);
    expect(settingDiff(request('property set session.timeout=45 on prod'), NODES, current)?.keys[0]?.byNodes).toEqual([
      { nodes: ['node1', 'node3'], change: { kind: 'changed', from: '30', to: '45' } },
      { nodes: ['node2'], change: { kind: 'added', to: '45' } },
    ]);
  });

  it('tells that nodes differ in a secret without showing either value', () => {
    const current = new Map([
      ['node1', new Map([['jdbc.default.password', 'a']])],
      ['node2', new Map([['jdbc.default.password', 'b']])],
    ]);
    const diff = settingDiff(request('property set jdbc.default.password=b on prod'), ['node1', 'node2'], current);
    expect(diff?.keys[0]).toEqual({
      key: 'jdbc.default.password',
      to: MASKED,
      masked: true,
      byNodes: [
        { nodes: ['node1'], change: { kind: 'changed', from: MASKED, to: MASKED } },
        { nodes: ['node2'], change: { kind: 'unchanged', value: MASKED } },
      ],
    });
    expect(JSON.stringify(diff)).not.toMatch(/"[ab]"/);
  });

  it('keeps every key of the request in its order, each judged alone', () => {
    const diff = settingDiff(request('property set b=2 a=1 on prod'), NODES, same({ a: '1', b: '1' }));
    expect(diff?.keys.map((k) => [k.key, k.byNodes[0]?.change.kind])).toEqual([['b', 'changed'], ['a', 'unchanged']]);
  });

  it('lists the nodes it could not read; with none read, only the values asked for', () => {
    const partly = settingDiff(request('property set a=1 on prod'), NODES, new Map([['node2', new Map()]]));
    expect(partly?.unread).toEqual(['node1', 'node3']);
    expect(partly?.keys[0]?.byNodes).toEqual([{ nodes: ['node2'], change: { kind: 'added', to: '1' } }]);
    const none = settingDiff(request('property set api.key=x a=1 on prod'), NODES, new Map());
    expect(none).toEqual({
      file: 'portal-ext.properties',
      keys: [
        { key: 'api.key', to: MASKED, masked: true, byNodes: [] },
        { key: 'a', to: '1', masked: false, byNodes: [] },
      ],
      unread: NODES,
    });
  });
});

describe('currentSettings: the request\'s keys from the file it edits', () => {
  it.each<[string, string, string, Record<string, string> | undefined]>([
    ['portal-ext.properties, last occurrence wins, other keys left out', 'property set session.timeout=45 on prod', 'session.timeout=15\nother=x\nsession.timeout = 20\n', { 'session.timeout': '20' }],
    ['portal-ext.properties, an unset key', 'property unset a.b on prod', 'a.b=1\\\n  2\n', { 'a.b': '12' }],
    ['a key the file does not have', 'property set a=1 on prod', '# nothing\n', {}],
    ['an absent file reads as empty', 'property set a=1 on prod', '', {}],
    ['a .config', 'config set com.acme.Foo greeting=hi enabled=true on prod', 'greeting="Say\\ hi"\nenabled=B"false"\nsecret="x"\n', { greeting: 'Say hi', enabled: 'false' }],
    ['not a settings request', 'jvm set -Xmx4g on prod', 'CATALINA_OPTS=""\n', undefined],
  ])('%s', (_name, text, file, values) => {
    const current = currentSettings(request(text), file);
    expect(current === undefined ? undefined : Object.fromEntries(current)).toEqual(values);
  });
});

describe('maskedRequest: the request as shown', () => {
  it.each([
    ['property set jdbc.default.password=hunter2 session.timeout=45 on prod', `property set jdbc.default.password=${MASKED} session.timeout=45 on prod`],
    ['config set com.acme.Sso clientSecret=abc enabled=true on prod', `config set com.acme.Sso clientSecret=${MASKED} enabled=true on prod`],
    ['property unset api.token on prod', 'property unset api.token on prod'],
    ['fixpack install dxp-14-7110 on prod', 'fixpack install dxp-14-7110 on prod'],
  ])('%s', (text, shown) => {
    expect(describeRequest(maskedRequest(request(text)))).toBe(shown);
  });
});
