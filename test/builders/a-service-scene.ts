import type { ClusterRuntime, ServiceDeps } from '../../src/app/requests/service-deps.ts';
import { startRollout } from '../../src/app/requests/start-rollout.ts';
import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import type { RolloutResult } from '../../src/app/run-rollout.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { emptyRolloutData, InMemoryRolloutStore } from '../fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { ScriptedCluster } from '../fakes/scripted-cluster.ts';
import { aCluster } from './a-cluster.ts';
import { aRolloutPlan } from './a-rollout-plan.ts';
import { aRolloutRecord } from './a-rollout-record.ts';
import { aClusterRuntime, APPROVER, aServiceDeps, type DepsOverrides } from './service-deps.ts';

/** One bot process of a scene: its deps, and what its notifier was given. */
export interface SceneProcess {
  readonly deps: ServiceDeps;
  readonly published: RolloutEvent[];
  /** Called with every event this process publishes (a throw from it "kills" the run). */
  onPublish: (event: RolloutEvent) => void;
}

export const FIRST_OWNER = 'bot:ops@host1:111';
export const SECOND_OWNER = 'bot:ops@host1:222';

/**
 * Use cases at the ports: one in-memory store, one scripted 3-node cluster and one ManualClock,
 * seen by one or more bot processes (a restart, a second replica), each with its own owner id,
 * runs and notifier. The record is a fix pack install planned by the real planner.
 */
export class ServiceScene {
  readonly data = emptyRolloutData();
  readonly clock = new ManualClock(Date.parse('2025-03-04T09:20:00.000Z'));
  readonly cluster: ClusterRuntime;
  readonly nodes: ScriptedCluster;
  readonly record: RolloutRecord;

  constructor(runtime: Partial<ClusterRuntime> = {}) {
    const spec = aCluster().withNodes(3).build();
    this.cluster = aClusterRuntime(spec, runtime);
    const plan = aRolloutPlan().withNodes(3).forRequest('fixpack install dxp-17-7110 on prod').build();
    this.nodes = new ScriptedCluster(spec, this.clock, { patches: ['dxp-16-7110'], artifacts: Object.fromEntries(plan.artifacts.map((a) => [a.file, a.sha256])) });
    this.record = aRolloutRecord().withPlan(plan).withFacts({ product: 'dxp-7.1', patches: ['dxp-16-7110'], java: '1.8.0_292' }).withStatus('awaiting-approval').build();
    new InMemoryRolloutStore(this.data).create(this.record);
  }

  /** A bot process on the scene's store, nodes and clock. */
  process(overrides: DepsOverrides = {}): SceneProcess {
    const published: RolloutEvent[] = [];
    const proc: SceneProcess = {
      published,
      onPublish: () => undefined,
      deps: aServiceDeps({
        store: new InMemoryRolloutStore(this.data),
        clusters: new Map([[this.cluster.spec.name, this.cluster]]),
        executor: this.nodes.executor,
        healthProbe: this.nodes.healthProbe,
        clock: this.clock,
        pollIntervalMs: 1000,
        owner: FIRST_OWNER,
        notifier: {
          begin: () => undefined,
          publish: (_id, event) => {
            published.push(event);
            proc.onPublish(event);
          },
          flush: () => Promise.resolve(),
        },
        ...overrides,
      }),
    };
    return proc;
  }

  /** Approved by APPROVER, claimed by `proc` (as the approval does) and run by it to its end. */
  async approveAndRun(proc: SceneProcess): Promise<RolloutResult | undefined> {
    const { store, ownership: { owner, leaseMs } } = proc.deps;
    const now = this.clock.now();
    const claimed = store.claim(this.record.id, ['awaiting-approval'], { status: 'approved', decidedBy: APPROVER, decidedAt: now.toISOString(), updatedAt: now.toISOString() }, { owner, until: now.getTime() + leaseMs, now: now.getTime() });
    if (!claimed.ok) throw new Error(`the scene's record could not be approved: ${claimed.reason}`);
    return startRollout(claimed.record, proc.deps);
  }

  get store(): InMemoryRolloutStore {
    return new InMemoryRolloutStore(this.data);
  }
}

export const aServiceScene = (runtime: Partial<ClusterRuntime> = {}): ServiceScene => new ServiceScene(runtime);
