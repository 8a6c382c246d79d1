import { describe, expect, it } from 'vitest';
import { aRequest, aRolloutPlan, aVerdict } from '../../../test/builders/a-rollout-plan.ts';
import { MASKED } from '../../domain/liferay/mask-secret.ts';
import { settingDiff, type CurrentSettings } from '../../domain/liferay/setting-diff.ts';
import { formatPlan } from './format-plan.ts';
import { formatSettingDiff } from './format-setting-diff.ts';
import { formatVerdict, verdictJson } from './format-verdict.ts';

const NODES = ['node1', 'node2', 'node3'];
const values = (entries: Record<string, string>): CurrentSettings => new Map(Object.entries(entries));
const everywhere = (entries: Record<string, string>): Map<string, CurrentSettings> => new Map(NODES.map((n) => [n, values(entries)]));

describe('formatSettingDiff', () => {
  it.each<[string, string, ReadonlyMap<string, CurrentSettings>, readonly string[]]>([
    ['old → new, added, unchanged', 'property set session.timeout=45 company.default.locale=de_DE a=1 on prod', everywhere({ 'session.timeout': '30', a: '1' }), [
      'Changes to portal-ext.properties (against the current values on node1, node2, node3):',
      '  session.timeout: "30" → "45"',
      '  company.default.locale: added "de_DE"',
      '  a: unchanged "1" (a no-op)',
    ]],
    ['removed, and an unset no-op', 'property unset a b on prod', everywhere({ a: 'x y' }), [
      'Changes to portal-ext.properties (against the current values on node1, node2, node3):',
      '  a: removed (was "x y")',
      '  b: unchanged: not set (a no-op)',
    ]],
    ['nodes that differ, node by node', 'config set com.acme.Foo enabled=true on prod', new Map([['node1', values({ enabled: 'false' })], ['node2', values({})], ['node3', values({ enabled: 'false' })]]), [
      'Changes to osgi/configs/com.acme.Foo.config (against the current values on node1, node3, node2):',
      '  enabled: the nodes differ',
      '    node1, node3: "false" → "true"',
      '    node2: added "true"',
    ]],
    ['a secret', 'property set jdbc.default.password=n3w on prod', everywhere({ 'jdbc.default.password': 'old' }), [
      'Changes to portal-ext.properties (against the current values on node1, node2, node3):',
      `  jdbc.default.password: ${MASKED} → ${MASKED} (masked)`,
    ]],
    ['nothing read', 'property set a=1 api.token=t on prod', new Map(), [
      'Changes to portal-ext.properties (current values not read from the nodes):',
      '  a: set to "1"',
      `  api.token: set to ${MASKED} (masked)`,
    ]],
    ['some read, an empty value', 'property set a= on prod', new Map([['node2', values({ a: 'x' })]]), [
      'Changes to portal-ext.properties (against the current values on node2; not read on node1, node3):',
      '  a: "x" → ""',
    ]],
  ])('%s', (_name, text, current, lines) => {
    const diff = settingDiff(aRequest(text), NODES, current);
    expect(diff === undefined ? undefined : formatSettingDiff(diff)).toEqual(lines);
  });
});

describe('formatVerdict and verdictJson with the changes', () => {
  const request = aRequest('property set jdbc.default.password=n3w session.timeout=45 on prod');
  const changes = settingDiff(request, NODES, everywhere({ 'jdbc.default.password': 'old-secret', 'session.timeout': '30' }));
  const verdict = aVerdict().withRequest(request).withChanges(changes).build();

  it('the terminal verdict ends with the changes, the secret masked', () => {
    const out = formatVerdict(verdict);
    expect(out).toContain('\nChanges to portal-ext.properties (against the current values on node1, node2, node3):\n');
    expect(out).toContain('  session.timeout: "30" → "45"\n');
    expect(out).not.toContain('old-secret');
  });

  it('--json keeps its fixed shape: nothing of the changes is added', () => {
    expect(Object.keys(JSON.parse(verdictJson(verdict)) as object)).toEqual(['verdict', 'reasons', 'request']);
    expect(verdictJson(verdict)).not.toContain('old-secret');
  });
});

describe('the terminal names a request with its secret values masked', () => {
  const request = aRequest('property set jdbc.default.password=hunter2 on prod');

  it('formatVerdict and formatPlan', () => {
    expect(formatVerdict(aVerdict().withRequest(request).build()).split('\n')[0]).toBe(`property set jdbc.default.password=${MASKED} on prod`);
    const plan = formatPlan(aRolloutPlan().withRequest(request).build());
    expect(plan).toContain(`Plan for property set jdbc.default.password=${MASKED} on prod`);
    expect(plan).not.toContain('hunter2');
  });
});
