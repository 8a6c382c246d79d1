import { describe, expect, it } from 'vitest';
import { aRequest, aRolloutPlan, aVerdict } from '../../../../test/builders/a-rollout-plan.ts';
import { HOSTILE, hostileProblems } from '../../../../test/support/slack/hostile-text.ts';
import { renderBlocks } from '../../../../test/support/slack/render-transcript.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { MASKED } from '../../../domain/liferay/mask-secret.ts';
import { settingDiff, type CurrentSettings, type SettingDiff } from '../../../domain/liferay/setting-diff.ts';
import { settingDiffLines } from './setting-diff-lines.ts';
import { decidedMessage } from './decided-message.ts';
import { verdictMessage } from './verdict-message.ts';

const NODES = ['node1', 'node2', 'node3'];
const values = (entries: Record<string, string>): CurrentSettings => new Map(Object.entries(entries));

function diffOf(text: string, current: ReadonlyMap<string, CurrentSettings>, nodes = NODES): SettingDiff {
  const diff = settingDiff(aRequest(text), nodes, current);
  if (diff === undefined) throw new Error('no diff');
  return diff;
}

describe('settingDiffLines', () => {
  it.each<[string, string, ReadonlyMap<string, CurrentSettings>, readonly string[]]>([
    ['old → new, added, unchanged', 'property set session.timeout=45 company.default.locale=de_DE a=1 on prod', new Map(NODES.map((n) => [n, values({ 'session.timeout': '30', a: '1' })])), [
      '*Changes* to `portal-ext.properties`, against the current values on node1, node2, node3',
      '• `session.timeout`: `30` → `45`',
      '• `company.default.locale`: added `de_DE`',
      '• `a`: unchanged `1`: a no-op',
    ]],
    ['removed, and an unset no-op', 'property unset a b on prod', new Map(NODES.map((n) => [n, values({ a: 'x y' })])), [
      '*Changes* to `portal-ext.properties`, against the current values on node1, node2, node3',
      '• `a`: removed (was `x y`)',
      '• `b`: unchanged: not set, a no-op',
    ]],
    ['nodes that differ, node by node', 'config set com.acme.Foo enabled=true on prod', new Map([['node1', values({ enabled: 'false' })], ['node2', values({})], ['node3', values({ enabled: 'false' })]]), [
      '*Changes* to `osgi/configs/com.acme.Foo.config`, against the current values on node1, node3, node2',
      '• `enabled`: the nodes differ: node1, node3: `false` → `true`; node2: added `true`',
    ]],
    ['a secret: masked and marked', 'property set jdbc.default.password=n3w on prod', new Map(NODES.map((n) => [n, values({ 'jdbc.default.password': 'old' })])), [
      '*Changes* to `portal-ext.properties`, against the current values on node1, node2, node3',
      `• \`jdbc.default.password\` 🔒: \`${MASKED}\` → \`${MASKED}\``,
    ]],
    ['nothing read', 'property set a=1 api.token=t on prod', new Map(), [
      "*Changes* to `portal-ext.properties` (the nodes' current values were not read)",
      '• `a`: set to `1`',
      `• \`api.token\` 🔒: set to \`${MASKED}\``,
    ]],
    ['some read, an empty value', 'property set a= on prod', new Map([['node2', values({ a: 'x' })]]), [
      '*Changes* to `portal-ext.properties`, against the current values on node2; not read on node1, node3',
      '• `a`: `x` → _(empty)_',
    ]],
  ])('%s', (_name, text, current, lines) => {
    expect(settingDiffLines(diffOf(text, current))).toEqual(lines);
  });
});

describe('verdictMessage with the changes of a property request', () => {
  const request = aRequest('property set session.timeout=45 jdbc.default.password=n3w on prod');
  const changes = diffOf('property set session.timeout=45 jdbc.default.password=n3w on prod', new Map(NODES.map((n) => [n, values({ 'session.timeout': '30', 'jdbc.default.password': 'old-secret' })])));
  const message = verdictMessage({ requestId: 'req-1', requestedBy: 'U1', verdict: aVerdict().withRequest(request).withChanges(changes).build(), plan: aRolloutPlan().withRequest(request).build() });

  it('is valid, and shows the changes after the reasons, verbatim', () => {
    expect(validateSlackMessage(message)).toEqual([]);
    const rendered = renderBlocks(message.blocks, message.text);
    const at = rendered.indexOf('• `session.timeout`: `30` → `45`');
    expect(at).toBeGreaterThan(rendered.findIndex((l) => l.startsWith('✓ ')));
    expect(rendered).toContain(`• \`jdbc.default.password\` 🔒: \`${MASKED}\` → \`${MASKED}\``);
    const section = message.blocks.find((b) => JSON.stringify(b).includes('*Changes*'));
    expect(section).toMatchObject({ type: 'section', text: { type: 'mrkdwn', verbatim: true } });
  });

  it('never shows the current value of a secret', () => {
    expect(JSON.stringify(message)).not.toContain('old-secret');
  });

  it('masks the secret the request sets wherever the message names the request (header, text, footer, after a decision)', () => {
    const asked = aRequest('property set jdbc.default.password=hunter2 session.timeout=45 on prod --dry-run');
    const shown = { requestId: 'req-1', requestedBy: 'U1', verdict: aVerdict().withRequest(asked).build(), plan: aRolloutPlan().withRequest(aRequest('property set jdbc.default.password=hunter2 on prod')).build() };
    const messages = [verdictMessage(shown), decidedMessage(shown, { type: 'rejected', by: 'U2', at: '2026-01-01T10:00:00.000Z', reason: 'not now' })];
    for (const m of messages) {
      expect(validateSlackMessage(m)).toEqual([]);
      expect(JSON.stringify(m)).not.toContain('hunter2');
    }
    expect(JSON.stringify(messages[0])).toContain(`/liferay property set jdbc.default.password=${MASKED} session.timeout=45 on prod --dry-run`);
  });

  it('shows hostile keys and values as text, never as markup', () => {
    const hostile = diffOf('property set x=1 on prod', new Map(NODES.map((n) => [n, values({ x: HOSTILE })])));
    const spoofed: SettingDiff = { ...hostile, file: HOSTILE, keys: hostile.keys.map((k) => ({ ...k, key: HOSTILE })), unread: [HOSTILE] };
    const shown = verdictMessage({ requestId: 'req-1', requestedBy: 'U1', verdict: aVerdict().withRequest(aRequest('property set x=1 on prod')).withChanges(spoofed).build() });
    expect(hostileProblems(shown, 'verdict with changes', { requireVerbatim: true })).toEqual([]);
  });

  it('stays within Slack\'s limits with many long keys and values', () => {
    // Beyond what a request may hold (2000 characters): the renderer alone keeps the limits.
    const settings = Array.from({ length: 60 }, (_, i) => ({ key: `key.number.${i}.${'k'.repeat(150)}`, value: 'v'.repeat(900) }));
    const current = new Map(NODES.map((n, i) => [n, values({ [`key.number.0.${'k'.repeat(150)}`]: `${'o'.repeat(900)}${i}` })]));
    const many = settingDiff({ kind: 'property', action: 'set', settings, cluster: 'prod', dryRun: false }, NODES, current);
    const big = verdictMessage({ requestId: 'req-1', requestedBy: 'U1', verdict: aVerdict().withRequest(aRequest('property set x=1 on prod')).withChanges(many).build() });
    expect(validateSlackMessage(big)).toEqual([]);
    expect(renderBlocks(big.blocks, big.text).some((l) => /… and \d+ more keys/.test(l))).toBe(true);
  });
});
