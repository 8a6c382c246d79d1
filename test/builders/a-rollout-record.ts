import type { RolloutRecord, RolloutStatus } from '../../src/app/rollout-record.ts';
import type { ClusterFacts } from '../../src/domain/liferay/cluster-facts.ts';
import type { RolloutPlan } from '../../src/domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../../src/domain/request/maintenance-request.ts';
import { describeRequest } from '../../src/domain/request/describe-request.ts';

const REQUESTED_AT = '2025-03-04T09:15:00.000Z';

function requestOn(cluster: string): MaintenanceRequest {
  return { kind: 'property', action: 'set', settings: [{ key: 'index.read.only', value: 'false' }], cluster, dryRun: false };
}

/** A small but complete rolling plan (two nodes) for `request`. */
function planFor(request: MaintenanceRequest): RolloutPlan {
  const change = { type: 'set-properties', settings: [{ key: 'index.read.only', value: 'false' }] } as const;
  const nodes = ['node1', 'node2'];
  return {
    cluster: request.cluster,
    request,
    verdict: 'eligible',
    strategy: 'rolling',
    nodes,
    skipped: [],
    nodeFacts: {},
    artifacts: [],
    steps: nodes.flatMap((node, i) => [
      { id: `${node}/connect`, node, phase: 'preflight' as const, action: { kind: 'connect' as const }, title: `connect to ${node} (10.0.0.${11 + i})` },
      {
        id: `${node}/stop`,
        node,
        phase: 'node' as const,
        action: { kind: 'stop' as const, command: '/opt/liferay/tomcat/bin/shutdown.sh', forceCommand: "pkill -KILL -f 'catalina'", timeoutSeconds: 120 },
        title: `stop ${node} (force after 120 s)`,
      },
      { id: `${node}/backup`, node, phase: 'node' as const, action: { kind: 'backup' as const, paths: ['portal-ext.properties'] }, title: `back up portal-ext.properties on ${node}` },
      { id: `${node}/apply`, node, phase: 'node' as const, action: { kind: 'apply' as const, change }, title: `set index.read.only=false on ${node}` },
      { id: `${node}/start`, node, phase: 'node' as const, action: { kind: 'start' as const, command: '/opt/liferay/tomcat/bin/startup.sh' }, title: `start ${node}` },
      {
        id: `${node}/wait-cluster`,
        node,
        phase: 'node' as const,
        action: { kind: 'wait-cluster' as const, members: 2, timeoutSeconds: 300, settleSeconds: 1 },
        title: `wait until ${node} sees a cluster of 2 members, held for 1 s`,
      },
    ]),
    expectedMinutes: 12,
    hash: 'f3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
}

/** Fluent builder for store and use-case tests: `aRolloutRecord().withId('r2').withStatus('approved').build()`. */
export class RolloutRecordBuilder {
  private record: RolloutRecord;

  constructor() {
    const request = requestOn('prod');
    this.record = {
      id: 'r-0001',
      cluster: 'prod',
      request,
      requestText: 'property set index.read.only=false on prod',
      requestedBy: 'U0123ALICE',
      requestedAt: REQUESTED_AT,
      channelId: 'C0123OPS',
      messageTs: '1741079700.000100',
      facts: { product: 'dxp-7.1', patches: ['dxp-14-7110'], java: '1.8.0_292' },
      answers: {},
      verdict: {
        type: 'verdict',
        verdict: 'eligible',
        reasons: [{ rule: 'configuration-change', message: 'portal-ext.properties is read at start: a rolling restart applies it node by node', outcome: 'pass' }],
        questions: [],
        request,
      },
      plan: planFor(request),
      status: 'awaiting-approval',
      decidedBy: undefined,
      decidedAt: undefined,
      decisionNote: undefined,
      updatedAt: REQUESTED_AT,
    };
  }

  withId(id: string): this {
    this.record = { ...this.record, id };
    return this;
  }

  /** Moves the request, verdict and plan to `cluster` too. */
  onCluster(cluster: string): this {
    const request = { ...this.record.request, cluster };
    const verdict = { ...this.record.verdict, request };
    this.record = { ...this.record, cluster, request, verdict, plan: this.record.plan && { ...this.record.plan, cluster, request } };
    return this;
  }

  withStatus(status: RolloutStatus): this {
    this.record = { ...this.record, status };
    return this;
  }

  /** Sets requestedAt and updatedAt. */
  requestedAt(at: string): this {
    this.record = { ...this.record, requestedAt: at, updatedAt: at };
    return this;
  }

  requestedBy(user: string): this {
    this.record = { ...this.record, requestedBy: user };
    return this;
  }

  /** A CLI request: no Slack message. */
  fromCli(): this {
    this.record = { ...this.record, requestedBy: 'cli:ops', channelId: undefined, messageTs: undefined };
    return this;
  }

  /** Asked with `--dry-run`: the flag on the request, its verdict, its plan and its text. */
  dryRun(): this {
    const request = { ...this.record.request, dryRun: true };
    this.record = {
      ...this.record,
      request,
      requestText: `${this.record.requestText} --dry-run`,
      verdict: { ...this.record.verdict, request },
      plan: this.record.plan && { ...this.record.plan, request },
    };
    return this;
  }

  /** A plan made by the real planner (`aRolloutPlan()`): its request, text and cluster become the record's. */
  withPlan(plan: RolloutPlan): this {
    const request = plan.request;
    this.record = { ...this.record, cluster: plan.cluster, request, requestText: describeRequest(request), verdict: { ...this.record.verdict, request }, plan };
    return this;
  }

  /** Another request on the record's cluster: its text, verdict and plan follow (the plan keeps its steps). */
  withRequest(change: MaintenanceRequest): this {
    const request = { ...change, cluster: this.record.cluster };
    this.record = { ...this.record, request, requestText: describeRequest(request), verdict: { ...this.record.verdict, request }, plan: this.record.plan && { ...this.record.plan, request } };
    return this;
  }

  /** The facts the verdict rested on (what the runner's preflight expects of the nodes). */
  withFacts(facts: ClusterFacts): this {
    this.record = { ...this.record, facts };
    return this;
  }

  withoutPlan(): this {
    this.record = { ...this.record, plan: undefined };
    return this;
  }

  decided(by: string, at: string, note?: string): this {
    this.record = { ...this.record, decidedBy: by, decidedAt: at, decisionNote: note, updatedAt: at };
    return this;
  }

  build(): RolloutRecord {
    return structuredClone(this.record);
  }
}

export const aRolloutRecord = (): RolloutRecordBuilder => new RolloutRecordBuilder();
