import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../test/fakes/in-memory-rollout-store.ts';
import type { PreparedRollout } from './prepare-rollout.ts';
import { recordCliRun } from './record-cli-run.ts';
import { neutralText } from '../domain/text/rich-text.ts';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const claim = { id: 'cli-run-1', actor: 'cli:ana', owner: 'cli:ana@laptop:777', leaseMs: 30_000 };

function prepared(overrides: Partial<PreparedRollout> = {}): PreparedRollout {
  const template = aRolloutRecord().build();
  return { facts: template.facts, nodeFacts: {}, verdict: template.verdict, plan: template.plan, planError: undefined, ...overrides };
}

describe('recordCliRun', () => {
  it('records the run as requested and approved at the terminal, with the lock and this process as owner', () => {
    const store = new InMemoryRolloutStore();
    const recorded = recordCliRun(prepared(), store, NOW, claim);
    expect(recorded.ok).toBe(true);
    const record = store.get('cli-run-1');
    expect(record).toMatchObject({ status: 'approved', requestedBy: 'cli:ana', decidedBy: 'cli:ana', requestText: 'property set index.read.only=false on prod', channelId: undefined, decisionNote: 'confirmed at the terminal (liferay-rollout run)' });
    expect(store.locks()).toEqual([expect.objectContaining({ cluster: 'prod', rolloutId: 'cli-run-1', owner: 'cli:ana@laptop:777', expiresAt: NOW.getTime() + 30_000 })]);
    expect(store.auditTrail('cli-run-1').map((a) => [a.actor, a.action])).toEqual([
      ['cli:ana', 'requested'],
      ['cli:ana', 'approved'],
    ]);
  });

  it('refuses while another rollout holds the cluster, recording nothing', () => {
    const store = new InMemoryRolloutStore();
    store.create(aRolloutRecord().withId('req-bot').withStatus('awaiting-approval').build());
    expect(store.claim('req-bot', ['awaiting-approval'], { status: 'running' }, { owner: 'bot:ops@elsewhere:1', until: NOW.getTime() + 600_000, now: NOW.getTime() }).ok).toBe(true);
    const recorded = recordCliRun(prepared(), store, NOW, claim);
    expect(recorded.ok).toBe(false);
    expect(recorded.ok ? '' : neutralText(recorded.error)).toContain('prod is busy');
    expect(store.get('cli-run-1')).toBeUndefined();
    expect(store.locks().map((l) => l.rolloutId)).toEqual(['req-bot']);
  });

  it.each([
    ['no plan', { plan: undefined }],
    ['a rule error', { verdict: { type: 'error', rule: 'java-support', message: 'Java 17 is not supported' } as PreparedRollout['verdict'] }],
  ])('records nothing for %s', (_name, overrides) => {
    const store = new InMemoryRolloutStore();
    expect(recordCliRun(prepared(overrides), store, NOW, claim)).toEqual({ ok: false, error: ['no plan to record'] });
    expect(store.list({})).toEqual([]);
  });
});
