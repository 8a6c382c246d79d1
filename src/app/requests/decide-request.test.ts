import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../../../test/fakes/manual-clock.ts';
import { RecordingNodeExecutor } from '../../../test/fakes/recording-node-executor.ts';
import { EMPTY_CATALOG } from '../../domain/liferay/patch-catalog.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import { approveRequest } from './decide-request.ts';
import type { ClusterRuntime, ServiceDeps } from './service-deps.ts';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const APPROVER = 'U0456BOB';

function setUp(record: RolloutRecord): { deps: ServiceDeps; executor: RecordingNodeExecutor; store: InMemoryRolloutStore } {
  const spec = aCluster().withNodes(2).build();
  const cluster: ClusterRuntime = {
    spec,
    targets: new Map(spec.nodes.map((n) => [n.name, { name: n.name, host: n.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 }])),
    declaredFacts: {},
    eligibility: {},
    approval: { cluster: 'prod', approverUserIds: [APPROVER], approverGroupIds: [], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C0123OPS'] },
  };
  const executor = new RecordingNodeExecutor();
  const store = new InMemoryRolloutStore();
  store.create(record);
  const deps: ServiceDeps = {
    store,
    clusters: new Map([['prod', cluster]]),
    catalog: EMPTY_CATALOG,
    executor,
    artifacts: { describe: () => Promise.resolve({ ok: true, value: [] }), open: () => { throw new Error('no artifact is read here'); } },
    healthProbe: { check: () => Promise.resolve({ status: 200 }) },
    notifier: { begin: () => undefined, publish: () => undefined, flush: () => Promise.resolve() },
    clock: new ManualClock(Date.parse('2025-03-04T09:20:00.000Z')),
    log: silentLog,
    newId: () => 'r-0002',
    pollIntervalMs: 10,
    probe: true,
  };
  return { deps, executor, store };
}

const approve = (record: RolloutRecord, deps: ServiceDeps): ReturnType<typeof approveRequest> =>
  approveRequest({ requestId: record.id, userId: APPROVER, groupIds: [], shownPlanHash: record.plan?.hash ?? '', strategy: 'rolling' }, deps);

describe('approveRequest of a dry run', () => {
  it.each([
    ['the rolling plan', aRolloutRecord().dryRun().build()],
    ['a request still waiting for answers', aRolloutRecord().dryRun().withStatus('awaiting-confirmation').build()],
  ])('%s: is denied in one line and nothing is sent to any node', async (_name, record) => {
    const { deps, executor, store } = setUp(record);
    const outcome = await approve(record, deps);
    expect(outcome).toEqual({
      kind: 'denied',
      message: 'This was a dry run: nothing is approved or changed. To make the change, ask again without --dry-run: /liferay property set index.read.only=false on prod',
    });
    expect(executor.connects).toEqual([]);
    expect(executor.runs).toEqual([]);
    expect(store.get(record.id)?.status).toBe(record.status);
    expect(store.auditTrail(record.id).map((a) => a.action)).toEqual(['approval refused']);
  });

  it('the same request without --dry-run does reach the nodes (the fake sees it)', async () => {
    const record = aRolloutRecord().build();
    const { deps, executor } = setUp(record);
    await approve(record, deps);
    expect(executor.connects.map((t) => t.name)).toEqual(['node1', 'node2']);
    expect(executor.runs.length).toBeGreaterThan(0);
  });
});
