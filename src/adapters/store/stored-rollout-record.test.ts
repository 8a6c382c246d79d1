import { describe, expect, it } from 'vitest';
import { aRequest, aRolloutPlan, aVerdict } from '../../../test/builders/a-rollout-plan.ts';
import { settingDiff } from '../../domain/liferay/setting-diff.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import type { RolloutRecord } from '../../app/rollout-record.ts';
import type { RolloutPlan } from '../../domain/plan/rollout-plan.ts';
import { schemaProblem } from './schema-problem.ts';
import { StoredJson } from './stored-json.ts';
import { StoredRolloutRecord } from './stored-rollout-record.ts';

const RecordBody = StoredJson.pipe(StoredRolloutRecord);
const record = aRolloutRecord().withPlan(aRolloutPlan().build()).build();
const changes = settingDiff(aRequest('property set a=1 b=2 c=3 on prod'), ['node1', 'node2', 'node3'], new Map([
  ['node1', new Map([['a', '0'], ['c', '3']])],
  ['node2', new Map([['a', '1']])],
]));
/** The record as stored, with one part replaced. */
const storedWith = (change: (stored: Record<string, unknown>) => void): string => {
  const stored = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  change(stored);
  return JSON.stringify(stored);
};
const planOf = (stored: Record<string, unknown>): Record<string, unknown> => stored['plan'] as Record<string, unknown>;

describe('StoredRolloutRecord', () => {
  it.each<[string, RolloutRecord]>([
    ['with a plan', record],
    ['without a plan, decided', aRolloutRecord().withoutPlan().decided('U0456BOB', '2025-03-04T10:05:00.000Z', 'not now').build()],
    ['with a verdict that carries a setting diff (every kind of change, a node not read)', { ...record, verdict: aVerdict().withChanges(changes).build() }],
    ['with a control request and an outcome note', { ...record, status: 'paused', control: { kind: 'pause', by: 'U0456BOB', at: '2025-03-04T10:06:00.000Z' }, outcomeNote: ['paused by ', { user: 'U0456BOB' }] }],
  ])('reads back what was stored: %s', (_, value) => {
    const parsed = RecordBody.parse(JSON.stringify(value));
    expect(parsed).toEqual(value);
  });

  it('reads an outcome note an older bot stored as a string as a text, its Slack mentions as people', () => {
    const parsed = RecordBody.parse(JSON.stringify({ ...record, status: 'paused', outcomeNote: 'Paused on request (asked by <@U0456BOB>).' }));
    expect(parsed.outcomeNote).toEqual(['Paused on request (asked by ', { user: 'U0456BOB' }, ').']);
  });

  it.each<[keyof RolloutPlan, unknown]>([
    ['nodeFacts', {}],
    ['skipped', []],
  ])('reads a plan stored before %s existed with none', (key, none) => {
    const parsed = RecordBody.parse(storedWith((s) => (s['plan'] = Object.fromEntries(Object.entries(planOf(s)).filter(([k]) => k !== key)))));
    expect(parsed.plan?.[key]).toEqual(none);
  });

  it('reads a wait-cluster step stored before the settle window was a setting with the window it ran with (1 s)', () => {
    const body = storedWith((s) => {
      for (const step of planOf(s)['steps'] as Array<{ action: Record<string, unknown> }>) if (step.action['kind'] === 'wait-cluster') delete step.action['settleSeconds'];
    });
    expect(body).not.toContain('settleSeconds');
    const waits = RecordBody.parse(body).plan?.steps.flatMap((step) => (step.action.kind === 'wait-cluster' ? [step.action.settleSeconds] : []));
    expect(waits).toEqual([1, 1, 1]);
  });

  it('keeps keys it does not know (written by a newer bot)', () => {
    const parsed = RecordBody.parse(storedWith((s) => (s['extra'] = { a: 1 })));
    expect(parsed).toMatchObject({ extra: { a: 1 } });
  });

  it.each<[string, string, string]>([
    ['not JSON', '{"id": ', 'not JSON'],
    ['a step of an unknown kind deep in the plan', storedWith((s) => ((planOf(s)['steps'] as Record<string, unknown>[])[0] = { id: 'node1/x', node: 'node1', phase: 'node', action: { kind: 'reboot' }, title: 'x' })), 'plan.steps.0.action'],
    ['a reason with an unknown outcome', storedWith((s) => ((s['verdict'] as { reasons: unknown[] }).reasons = [{ rule: 'r', message: 'm', outcome: 'maybe' }])), 'verdict.reasons.0.outcome'],
    ['a facts key no probe knows', storedWith((s) => (s['facts'] = { product: 'dxp-7.1', colour: 'blue' })), 'facts'],
    ['an answer of the wrong type', storedWith((s) => (s['answers'] = { javaSameMajor: 'yes' })), 'answers.javaSameMajor'],
    ['an unknown status', storedWith((s) => (s['status'] = 'half-done')), 'status'],
    ['a request that does not parse', storedWith((s) => (s['request'] = { kind: 'reboot', cluster: 'prod' })), 'request'],
  ])('refuses %s, saying where', (_, body, where) => {
    const parsed = RecordBody.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(schemaProblem(parsed.error)).toContain(where);
  });
});
