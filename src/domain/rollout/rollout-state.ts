import { assertNever } from '../assert-never.ts';
import type { StepKind } from '../plan/rollout-step.ts';
import type { RolloutEvent } from './rollout-event.ts';

export type NodeStatus = 'waiting' | 'checking' | 'ready' | 'stopping' | 'updating' | 'starting' | 'healthy' | 'failed' | 'restoring' | 'restored' | 'verified';

export interface NodeState {
  readonly status: NodeStatus;
  readonly since: string;
  /** Title of the step in progress or last finished on this node. */
  readonly step: string | undefined;
  readonly durationMs: number | undefined;
}

export interface RolloutFailure {
  readonly node: string;
  readonly stepId: string;
  readonly message: string;
  readonly command: string | undefined;
  readonly exitCode: number | undefined;
  readonly outputTail: string;
}

export interface RolloutState {
  readonly status: 'pending' | 'running' | 'succeeded' | 'failed' | 'interrupted';
  readonly nodes: Readonly<Record<string, NodeState>>;
  readonly completedSteps: readonly string[];
  readonly currentStep: string | undefined;
  readonly failure: RolloutFailure | undefined;
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  readonly summary: string | undefined;
}

export function initialRolloutState(nodes: readonly string[]): RolloutState {
  return {
    status: 'pending',
    nodes: Object.fromEntries(nodes.map((n) => [n, { status: 'waiting', since: '', step: undefined, durationMs: undefined }])),
    completedSteps: [],
    currentStep: undefined,
    failure: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    summary: undefined,
  };
}

/** The status a node shows while a step of this kind runs on it. */
export function statusDuring(kind: StepKind): NodeStatus {
  switch (kind) {
    case 'connect':
    case 'check-healthy':
    case 'probe':
    case 'stage':
    case 'verify':
      return 'checking';
    case 'drain':
    case 'stop':
      return 'stopping';
    case 'backup':
    case 'apply':
      return 'updating';
    case 'start':
    case 'wait-started':
    case 'wait-healthy':
    case 'wait-cluster':
    case 'enable':
      return 'starting';
    default:
      return assertNever(kind, 'step kind');
  }
}

const kindOf = (stepId: string): StepKind => (stepId.split('/')[1]?.replace(/#.*$/, '') ?? 'connect') as StepKind;

function setNode(state: RolloutState, node: string, patch: Partial<NodeState>): RolloutState {
  const current = state.nodes[node] ?? { status: 'waiting', since: '', step: undefined, durationMs: undefined };
  return { ...state, nodes: { ...state.nodes, [node]: { ...current, ...patch } } };
}

/** Fold one event into the state. Pure; replaying the stored events rebuilds the state after a restart. */
export function transition(state: RolloutState, event: RolloutEvent): RolloutState {
  switch (event.type) {
    case 'RolloutStarted':
      return { ...initialRolloutState(event.nodes), status: 'running', startedAt: event.at };
    case 'StepStarted': {
      const kind = kindOf(event.stepId);
      return setNode({ ...state, currentStep: event.stepId }, event.node, { status: statusDuring(kind), since: event.at, step: event.title });
    }
    case 'StepSucceeded': {
      const kind = kindOf(event.stepId);
      const next = { ...state, completedSteps: [...state.completedSteps, event.stepId], currentStep: undefined };
      if (kind === 'verify') return setNode(next, event.node, { status: 'verified', since: event.at });
      if (kind === 'probe' || kind === 'stage' || kind === 'check-healthy' || kind === 'connect') return setNode(next, event.node, { status: 'ready', since: event.at });
      return next;
    }
    case 'StepFailed':
      return setNode(
        {
          ...state,
          currentStep: undefined,
          failure: { node: event.node, stepId: event.stepId, message: event.message, command: event.command, exitCode: event.exitCode, outputTail: event.outputTail },
        },
        event.node,
        { status: 'failed', since: event.at },
      );
    case 'NodeDone':
      return setNode(state, event.node, { status: 'healthy', since: event.at, durationMs: event.durationMs });
    case 'RestoreStarted':
      return setNode(state, event.node, { status: 'restoring', since: event.at, step: 'restoring from backup' });
    case 'RestoreFinished':
      return setNode(state, event.node, { status: event.ok ? 'restored' : 'failed', since: event.at, step: event.message });
    case 'RolloutDone':
      return { ...state, status: event.outcome, finishedAt: event.at, summary: event.summary, currentStep: undefined };
    case 'RolloutInterrupted':
      return { ...state, status: 'interrupted', finishedAt: event.at, summary: event.summary, currentStep: undefined };
    default:
      return assertNever(event, 'rollout event');
  }
}

export function replay(nodes: readonly string[], events: readonly RolloutEvent[]): RolloutState {
  return events.reduce(transition, initialRolloutState(nodes));
}
