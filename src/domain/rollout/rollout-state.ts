import { assertNever } from '../assert-never.ts';
import type { StepKind } from '../plan/rollout-step.ts';
import type { RolloutEvent, StepPurpose, StopCause } from './rollout-event.ts';
import type { RichText } from '../text/rich-text.ts';

export type NodeStatus =
  | 'waiting'
  | 'checking'
  | 'ready'
  | 'stopping'
  | 'updating'
  | 'starting'
  | 'healthy'
  | 'failed'
  | 'restoring'
  | 'restored'
  | 'rolled-back'
  | 'verified';

export interface NodeState {
  readonly status: NodeStatus;
  readonly since: string;
  /** Title of the step in progress or last finished on this node. */
  readonly step: string | undefined;
  readonly durationMs: number | undefined;
  /** A stop (or drain) of the rollout began on this node: it may be down or half-changed. */
  readonly touched: boolean;
  /** The change was applied on this node and not put back since. */
  readonly changed: boolean;
  /** The node finished its part (changed, healthy, back in the cluster) and was not put back since. */
  readonly done: boolean;
}

export interface RolloutFailure {
  readonly node: string;
  readonly stepId: string;
  readonly title: string | undefined;
  readonly message: string;
  readonly command: string | undefined;
  readonly exitCode: number | undefined;
  readonly outputTail: string;
}

export type RolloutStateStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'paused' | 'interrupted' | 'rolled-back' | 'left-as-is';

export interface RolloutState {
  readonly status: RolloutStateStatus;
  readonly nodes: Readonly<Record<string, NodeState>>;
  readonly completedSteps: readonly string[];
  readonly currentStep: string | undefined;
  /** The step failure that stopped the last run (restore failures do not replace it). */
  readonly failure: RolloutFailure | undefined;
  /** Why the last run stopped early, when not for a failed step. */
  readonly stopCause: StopCause | undefined;
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  readonly summary: RichText | undefined;
  /** How many runs worked on it (1 + resumes, retries, roll backs, recoveries). */
  readonly runs: number;
}


const freshNode = (): NodeState => ({ status: 'waiting', since: '', step: undefined, durationMs: undefined, touched: false, changed: false, done: false });

export function initialRolloutState(nodes: readonly string[]): RolloutState {
  return {
    status: 'pending',
    nodes: Object.fromEntries(nodes.map((n) => [n, freshNode()])),
    completedSteps: [],
    currentStep: undefined,
    failure: undefined,
    stopCause: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    summary: undefined,
    runs: 0,
  };
}

/** The status a node shows while a step of this kind runs on it. */
export function statusDuring(kind: StepKind, purpose: StepPurpose = 'rollout'): NodeStatus {
  if (purpose === 'restore' || purpose === 'rollback') {
    return kind === 'start' || kind === 'wait-started' || kind === 'wait-healthy' || kind === 'wait-cluster' || kind === 'enable' ? 'starting' : 'restoring';
  }
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
    case 'restore':
      return 'updating';
    case 'start':
    case 'wait-started':
    case 'wait-healthy':
    case 'wait-cluster':
    case 'enable':
      return 'starting';
  }
  return assertNever(kind, 'step kind');
}

function setNode(state: RolloutState, node: string, patch: Partial<NodeState>): RolloutState {
  const current = state.nodes[node] ?? freshNode();
  return { ...state, nodes: { ...state.nodes, [node]: { ...current, ...patch } } };
}

const CHECKS: readonly StepKind[] = ['probe', 'stage', 'check-healthy', 'connect'];

/** Fold one event into the state. Pure; replaying the stored events rebuilds the state after a restart. */
export function transition(state: RolloutState, event: RolloutEvent): RolloutState {
  switch (event.type) {
    case 'RolloutStarted':
      return { ...initialRolloutState(event.nodes), status: 'running', startedAt: event.at, runs: 1 };
    case 'RolloutResumed':
      return { ...state, status: 'running', failure: undefined, stopCause: undefined, finishedAt: undefined, summary: undefined, runs: state.runs + 1, startedAt: state.startedAt ?? event.at };
    case 'StepStarted': {
      const node = state.nodes[event.node] ?? freshNode();
      const touches = event.purpose === 'rollout' && (event.kind === 'drain' || event.kind === 'stop');
      return setNode({ ...state, currentStep: event.stepId }, event.node, {
        status: statusDuring(event.kind, event.purpose),
        since: event.at,
        step: event.title,
        touched: node.touched || touches,
      });
    }
    case 'StepSucceeded': {
      const next = { ...state, completedSteps: [...state.completedSteps, event.stepId], currentStep: undefined };
      if (event.purpose === 'rollout' && event.kind === 'apply') return setNode(next, event.node, { changed: true });
      if (event.purpose === 'rollout' && event.kind === 'verify') return setNode(next, event.node, { status: 'verified', since: event.at });
      if (event.purpose === 'rollout' && CHECKS.includes(event.kind) && state.nodes[event.node]?.done !== true) return setNode(next, event.node, { status: 'ready', since: event.at });
      return next;
    }
    case 'StepFailed': {
      const restoring = event.purpose !== 'rollout';
      const failure: RolloutFailure = {
        node: event.node,
        stepId: event.stepId,
        title: state.nodes[event.node]?.step,
        message: event.message,
        command: event.command,
        exitCode: event.exitCode,
        outputTail: event.outputTail,
      };
      // A failing restore step does not hide the step that made the rollout stop.
      return setNode({ ...state, currentStep: undefined, failure: restoring && state.failure !== undefined ? state.failure : failure }, event.node, { status: 'failed', since: event.at });
    }
    case 'NodeDone':
      return setNode(state, event.node, { status: 'healthy', since: event.at, durationMs: event.durationMs, done: true, changed: true, touched: true });
    case 'RestoreStarted':
      return setNode(state, event.node, { status: 'restoring', since: event.at, step: event.purpose === 'rollback' ? 'rolling back' : 'restoring from backup' });
    case 'RestoreFinished':
      if (!event.ok) return setNode(state, event.node, { status: 'failed', since: event.at, step: event.message });
      return setNode(state, event.node, {
        status: event.purpose === 'rollback' ? 'rolled-back' : 'restored',
        since: event.at,
        step: event.message,
        changed: false,
        done: false,
        touched: false,
      });
    case 'NodeFound': {
      const node = state.nodes[event.node] ?? freshNode();
      // What the probe saw wins over what the events said.
      const changed = event.hasChange === 'yes' ? true : event.hasChange === 'no' ? false : node.changed;
      const done = node.done && changed && event.running && event.healthy;
      const status: NodeStatus = done ? node.status : !event.running ? 'failed' : node.touched || changed ? (event.healthy ? 'healthy' : 'failed') : 'waiting';
      return setNode(state, event.node, { changed, done, status, since: event.at, step: event.detail });
    }
    case 'RunStopping':
      return { ...state, stopCause: event.cause };
    case 'RolloutDone':
      return { ...state, status: event.outcome, finishedAt: event.at, summary: event.summary, currentStep: undefined };
    case 'RolloutInterrupted':
      return { ...state, status: 'interrupted', finishedAt: event.at, summary: event.summary, currentStep: undefined };
    case 'RolloutLeft':
      return { ...state, status: 'left-as-is', finishedAt: event.at, summary: event.summary, currentStep: undefined };
  }
  return assertNever(event, 'rollout event');
}

export function replay(nodes: readonly string[], events: readonly RolloutEvent[]): RolloutState {
  return events.reduce(transition, initialRolloutState(nodes));
}
