import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { aClusterRuntime, APPROVER } from '../../../test/builders/service-deps.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../../../test/fakes/manual-clock.ts';
import type { RolloutStatus } from '../rollout-record.ts';
import { approverGroupIds, homeOverview } from './home-overview.ts';

const runtime = (name: string, approval: { channels?: string[]; users?: string[]; groups?: string[] }) => {
  const base = aClusterRuntime(aCluster().named(name).withNodes(2).build());
  return [name, { ...base, approval: { ...base.approval, cluster: name, channels: approval.channels ?? [], approverUserIds: approval.users ?? [], approverGroupIds: approval.groups ?? [] } }] as const;
};

function scene() {
  const store = new InMemoryRolloutStore();
  const clusters = new Map([
    runtime('prod', { channels: ['C0PROD'], users: [APPROVER] }),
    runtime('staging', { channels: ['C0STAGE'], groups: ['S0OPS'] }),
    runtime('hidden', { users: ['U0OTHER'] }),
  ]);
  const add = (id: string, cluster: string, status: RolloutStatus, at: string): void => {
    const record = aRolloutRecord().withId(id).withStatus(status).build();
    store.create({ ...record, cluster, requestedAt: at, updatedAt: at });
  };
  return { store, clusters, add, deps: { store, clusters, clock: new ManualClock(Date.parse('2025-03-04T10:00:00Z')) } };
}

describe('homeOverview', () => {
  it('lists the clusters the viewer may request (any with a request channel) or approve, with their role', () => {
    const s = scene();
    const overview = homeOverview({ userId: APPROVER, groupIds: [] }, () => undefined, s.deps);
    expect(overview.clusters.map((c) => [c.name, c.approves, c.requestChannels])).toEqual([
      ['prod', true, ['C0PROD']],
      ['staging', false, ['C0STAGE']],
    ]);
    expect(homeOverview({ userId: 'U0GROUPIE', groupIds: ['S0OPS'] }, () => undefined, s.deps).clusters.map((c) => [c.name, c.approves])).toEqual([
      ['prod', false],
      ['staging', true],
    ]);
    expect(homeOverview({ userId: 'U0OTHER', groupIds: [] }, () => undefined, s.deps).clusters.map((c) => c.name)).toEqual(['prod', 'staging', 'hidden']);
    expect(approverGroupIds(s.deps)).toEqual(['S0OPS']);
  });

  it('gives each cluster the rollout that holds it and its last look', () => {
    const s = scene();
    s.add('req-open', 'prod', 'awaiting-approval', '2025-03-04T09:00:00Z');
    s.add('req-held', 'prod', 'failed', '2025-03-04T08:00:00Z');
    const look = { at: '2025-03-04T09:59:00Z', nodes: [] };
    const overview = homeOverview({ userId: APPROVER, groupIds: [] }, (c) => (c === 'prod' ? look : undefined), s.deps);
    expect(overview.clusters.map((c) => [c.name, c.active?.record.id, c.look])).toEqual([
      ['prod', 'req-held', look],
      ['staging', undefined, undefined],
    ]);
  });

  it('lists the last five rollouts that ran on the shown clusters, newest first', () => {
    const s = scene();
    const statuses: RolloutStatus[] = ['succeeded', 'rejected', 'failed', 'rolled-back', 'expired', 'succeeded', 'left-as-is', 'succeeded', 'succeeded'];
    statuses.forEach((status, i) => s.add(`req-${i}`, 'prod', status, `2025-03-04T0${i}:00:00Z`));
    s.add('req-hidden', 'hidden', 'succeeded', '2025-03-04T09:30:00Z');
    expect(homeOverview({ userId: APPROVER, groupIds: [] }, () => undefined, s.deps).recent.map((r) => r.id)).toEqual(['req-8', 'req-7', 'req-6', 'req-5', 'req-3']);
  });
});
