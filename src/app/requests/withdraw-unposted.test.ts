import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { aServiceDeps } from '../../../test/builders/service-deps.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import type { RolloutStatus } from '../rollout-record.ts';
import { neutralText } from '../../domain/text/rich-text.ts';
import { withdrawUnposted } from './withdraw-unposted.ts';

describe('withdrawUnposted: a request whose message could not be posted is closed, with an audit entry', () => {
  it.each<[RolloutStatus, boolean]>([
    ['awaiting-approval', true],
    ['awaiting-confirmation', true],
    ['running', false],
    ['rejected', false],
  ])('a request %s: withdrawn %s', (status, withdrawn) => {
    const store = new InMemoryRolloutStore();
    const record = aRolloutRecord().withId('r-1').withStatus(status).build();
    store.create(record);
    const closed = withdrawUnposted({ record, why: 'not_in_channel' }, aServiceDeps({ store }));
    expect(closed !== undefined).toBe(withdrawn);
    expect(store.get('r-1')?.status).toBe(withdrawn ? 'superseded' : status);
    const trail = store.auditTrail('r-1');
    expect(trail.map((a) => a.action)).toEqual(withdrawn ? ['withdrawn'] : []);
    if (withdrawn) {
      expect(store.get('r-1')?.decisionNote).toBe('withdrawn: its message could not be posted (not_in_channel)');
      expect(neutralText(trail[0]?.detail ?? [])).toContain('not_in_channel');
      expect(trail[0]?.actor).toBe('bot');
      expect(store.list({ statuses: ['awaiting-approval', 'awaiting-confirmation'] })).toEqual([]);
    }
  });
});
