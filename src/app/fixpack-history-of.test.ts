import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../test/builders/a-rollout-record.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { parseRequest } from '../domain/request/parse-request.ts';
import { fixpackHistoryOf } from './fixpack-history-of.ts';
import type { RolloutRecord, RolloutStatus } from './rollout-record.ts';

function record(text: string, status: RolloutStatus, patches: readonly string[] | undefined, updatedAt = '2025-03-04T10:00:00.000Z'): RolloutRecord {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  const facts: ClusterFacts = patches === undefined ? { product: 'dxp-7.1' } : { product: 'dxp-7.1', patches: [...patches] };
  return { ...aRolloutRecord().withStatus(status).build(), request: parsed.value, requestText: text, facts, updatedAt };
}

const install14 = 'fixpack install dxp-14-7110 on prod';

describe('fixpackHistoryOf: which fix pack each installed one replaced', () => {
  it.each([
    ['none: no records', [], {}],
    ['a succeeded install records the level it started from', [record(install14, 'succeeded', ['dxp-13-7110', 'hotfix-70-7110'])], { 'dxp-14-7110': 'dxp-13-7110' }],
    ['installed on GA: null', [record(install14, 'succeeded', [])], { 'dxp-14-7110': null }],
    ['the facts had only a hotfix: GA', [record(install14, 'succeeded', ['hotfix-70-7110'])], { 'dxp-14-7110': null }],
    ['a failed install counts (its way back is the revert)', [record(install14, 'failed', ['dxp-13-7110'])], { 'dxp-14-7110': 'dxp-13-7110' }],
    ['an interrupted install counts', [record(install14, 'interrupted', ['dxp-12-7110'])], { 'dxp-14-7110': 'dxp-12-7110' }],
    ...(['awaiting-confirmation', 'awaiting-approval', 'approved', 'rejected', 'expired', 'superseded', 'running'] as const).map(
      (status) => [`a ${status} request says nothing`, [record(install14, status, ['dxp-13-7110'])], {}] as const,
    ),
    ['unknown patches say nothing', [record(install14, 'succeeded', undefined)], {}],
    ['a revert says nothing', [record('fixpack revert dxp-14-7110 on prod', 'succeeded', ['dxp-14-7110'])], {}],
    ['a hotfix install says nothing', [record('hotfix install hotfix-77-7110 on prod', 'succeeded', ['dxp-13-7110'])], {}],
    ['a level at or above the fix pack is not a level before it', [record(install14, 'succeeded', ['dxp-14-7110'])], {}],
    ['the most recent record wins', [
      record(install14, 'succeeded', ['dxp-13-7110'], '2025-03-05T10:00:00.000Z'),
      record(install14, 'succeeded', ['dxp-12-7110'], '2025-03-01T10:00:00.000Z'),
    ], { 'dxp-14-7110': 'dxp-13-7110' }],
    ['the most recent record wins, whatever the order', [
      record(install14, 'succeeded', ['dxp-12-7110'], '2025-03-01T10:00:00.000Z'),
      record(install14, 'failed', ['dxp-11-7110'], '2025-03-06T10:00:00.000Z'),
    ], { 'dxp-14-7110': 'dxp-11-7110' }],
    ['a chain of installs', [
      record('fixpack install dxp-13-7110 on prod', 'succeeded', ['dxp-12-7110']),
      record(install14, 'succeeded', ['dxp-13-7110']),
    ], { 'dxp-13-7110': 'dxp-12-7110', 'dxp-14-7110': 'dxp-13-7110' }],
  ] as const)('%s', (_name, records, expected) => {
    expect(fixpackHistoryOf(records)).toEqual({ fixpackBefore: expected });
  });
});
