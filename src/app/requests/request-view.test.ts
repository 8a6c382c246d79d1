import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { aClusterRuntime, aServiceDeps } from '../../../test/builders/service-deps.ts';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { recordRequestMessage } from './record-request-message.ts';
import { requestView } from './request-view.ts';
import { requestsOverview } from './requests-overview.ts';

describe('requestView', () => {
  it.each([
    { name: 'a known request on a known cluster', id: 'r-0001', groups: ['S0OPS'], ttl: 45, expected: { approverGroupIds: ['S0OPS'], approvalTtlMinutes: 45 } },
    { name: 'a cluster without groups', id: 'r-0001', groups: [], ttl: 60, expected: { approverGroupIds: [], approvalTtlMinutes: 60 } },
  ])('gives $name with its cluster’s approval settings', ({ id, groups, ttl, expected }) => {
    const store = new InMemoryRolloutStore();
    store.create(aRolloutRecord().build());
    const base = aClusterRuntime();
    const cluster = { ...base, approval: { ...base.approval, approverGroupIds: groups, approvalTtlMinutes: ttl } };
    const view = requestView(id, { store, clusters: new Map([['prod', cluster]]) });
    expect(view).toMatchObject({ record: { id }, ...expected });
  });

  it('is undefined for a request the store does not know, and has no approver groups when the cluster left the inventory', () => {
    const store = new InMemoryRolloutStore();
    store.create(aRolloutRecord().onCluster('gone').build());
    const deps = { store, clusters: new Map([['prod', aClusterRuntime()]]) };
    expect(requestView('r-9999', deps)).toBeUndefined();
    expect(requestView('r-0001', deps)).toMatchObject({ approverGroupIds: [], approvalTtlMinutes: undefined });
  });
});

describe('recordRequestMessage', () => {
  it('stores where the message was posted while the request is in the status it was posted with', () => {
    const store = new InMemoryRolloutStore();
    const record = aRolloutRecord().build();
    store.create({ ...record, messageTs: undefined });
    expect(recordRequestMessage({ record, channelId: 'C0NEW', messageTs: '1.5' }, { store })).toMatchObject({ channelId: 'C0NEW', messageTs: '1.5' });
    expect(store.get(record.id)).toMatchObject({ channelId: 'C0NEW', messageTs: '1.5' });
  });

  it('changes nothing when the request moved on meanwhile', () => {
    const store = new InMemoryRolloutStore();
    const record = aRolloutRecord().build();
    store.create({ ...record, status: 'rejected', messageTs: undefined });
    expect(recordRequestMessage({ record, channelId: 'C0NEW', messageTs: '1.5' }, { store })).toBeUndefined();
    expect(store.get(record.id)?.messageTs).toBeUndefined();
  });
});

describe('requestsOverview', () => {
  it.each([
    { kind: 'status' as const, statuses: ['awaiting-approval', 'rejected'] as const, listed: ['r-0001'], looked: ['node1', 'node2'] },
    { kind: 'history' as const, statuses: ['awaiting-approval', 'rejected'] as const, listed: ['r-0001', 'r-0002'], looked: undefined },
  ])('$kind lists $listed and looks at $looked', async ({ kind, statuses, listed, looked }) => {
    const store = new InMemoryRolloutStore();
    statuses.forEach((status, i) => store.create(aRolloutRecord().withId(`r-000${i + 1}`).withStatus(status).build()));
    const cluster = aClusterRuntime(aCluster().withNodes(2).build());
    const overview = await requestsOverview(kind, undefined, aServiceDeps({ store, clusters: new Map([['prod', cluster]]) }));
    expect(overview.requests.map((r) => r.record.id).sort()).toEqual(listed);
    expect(overview.looks?.flatMap((l) => l.nodes.map((n) => n.node))).toEqual(looked);
  });
});
