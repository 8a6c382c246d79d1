import type { ClusterRuntime, ServiceDeps } from '../../src/app/requests/service-deps.ts';
import type { RunOwnership } from '../../src/app/run-ownership.ts';
import type { ClusterSpec } from '../../src/domain/plan/cluster-spec.ts';
import { EMPTY_CATALOG } from '../../src/domain/liferay/patch-catalog.ts';
import { InMemoryRolloutStore } from '../fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingNodeExecutor } from '../fakes/recording-node-executor.ts';
import { aCluster } from './a-cluster.ts';

export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
export const APPROVER = 'U0456BOB';

/** A cluster as the use cases see it: `spec` (default 2 nodes of `prod`), one approver, SSH targets that a fake executor answers. */
export function aClusterRuntime(spec: ClusterSpec = aCluster().withNodes(2).build(), overrides: Partial<ClusterRuntime> = {}): ClusterRuntime {
  return {
    spec,
    targets: new Map(spec.nodes.map((n) => [n.name, { name: n.name, host: n.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 }])),
    declaredFacts: {},
    eligibility: {},
    approval: { cluster: spec.name, approverUserIds: [APPROVER], approverGroupIds: [], allowSelfApproval: false, approvalTtlMinutes: 60, channels: ['C0123OPS'] },
    afterRestart: 'resume',
    notify: 'mention',
    production: false,
    ...overrides,
  };
}

/** What a test overrides: any port, and (flat, for short call sites) any part of the process's run ownership. */
export type DepsOverrides = Partial<Omit<ServiceDeps, 'ownership'>> & Partial<RunOwnership>;

/**
 * The full set of ports, with hand-written fakes behind every one (a convenience: it fits every use
 * case's own deps type); override what a test looks at.
 */
export function aServiceDeps(overrides: DepsOverrides = {}): ServiceDeps {
  const cluster = aClusterRuntime();
  const { owner = 'bot:test@here:1', leaseMs = 30_000, ownerIsGone = () => false, shutdown = { requested: false }, runs = new Map<string, Promise<unknown>>(), ...ports } = overrides;
  return {
    store: new InMemoryRolloutStore(),
    clusters: new Map([[cluster.spec.name, cluster]]),
    catalog: EMPTY_CATALOG,
    executor: new RecordingNodeExecutor(),
    artifacts: { describe: () => Promise.resolve({ ok: true, value: [] }), open: () => { throw new Error('no artifact is read here'); }, list: () => Promise.resolve([]) },
    healthProbe: { check: () => Promise.resolve({ ok: true, status: 200 }) },
    notifier: { begin: () => undefined, publish: () => undefined, flush: () => Promise.resolve() },
    clock: new ManualClock(Date.parse('2025-03-04T09:20:00.000Z')),
    log: silentLog,
    newId: () => 'r-0002',
    pollIntervalMs: 10,
    probe: true,
    ownership: { owner, leaseMs, ownerIsGone, shutdown, runs },
    ...ports,
  };
}
