import type { StepDeps } from '../../src/app/node-context.ts';
import type { RunControl } from '../../src/app/ports.ts';
import { runRollout, type RolloutResult, type RunRolloutInput } from '../../src/app/run-rollout.ts';
import type { ClusterSpec } from '../../src/domain/plan/cluster-spec.ts';
import type { RolloutPlan } from '../../src/domain/plan/rollout-plan.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { ScriptedCluster, type SentCommand } from '../fakes/scripted-cluster.ts';
import { aCluster } from './a-cluster.ts';
import { aRolloutPlan } from './a-rollout-plan.ts';
import { silentLog } from './service-deps.ts';

type Asked = NonNullable<ReturnType<RunControl['requested']>>;
type EventTest = (event: RolloutEvent) => boolean;

/** How one run of the runner in a scene is set off and disturbed. */
export interface SceneRunOptions {
  readonly mode?: RunRolloutInput['mode'];
  readonly by?: string;
  readonly afterRestart?: 'resume' | 'ask';
  /** Default: every event the scene's earlier runs recorded. */
  readonly past?: readonly RolloutEvent[];
  /** From the first event that passes `when` on, `control.requested()` answers `ask`. */
  readonly ask?: { readonly when: EventTest } & Asked;
  /** From the first event that passes it on, `control.lost()` says the lease is gone. */
  readonly loseWhen?: EventTest;
  /** From the first event that passes it on (that one included), `record` throws. */
  readonly storeFailsWhen?: EventTest;
  /** The bot is killed right after the first event that passes it is recorded (onEvent throws out of the run). */
  readonly killWhen?: EventTest;
}

export interface SceneRun {
  /** Undefined when the bot was killed or died during the run. */
  readonly result: RolloutResult | undefined;
  /** What `onEvent` got in this run (the notifier's view). */
  readonly shown: readonly RolloutEvent[];
  /** What `record` stored in this run. */
  readonly recorded: readonly RolloutEvent[];
  /** Index of `nodes.sent` where this run began (for `nodes.did(node, since)`). */
  readonly since: number;
  /** Commands sent after the lease was lost (`loseWhen`). */
  readonly afterLoss: readonly SentCommand[];
}

/** The run's result, for a run that ran to its end (fails the test with a message when the bot was killed or died). */
export function resultOf(run: SceneRun): RolloutResult {
  if (run.result === undefined) throw new Error('the run has no result: the bot was killed or died during it');
  return run.result;
}

class Killed extends Error {}

/** A plan, its cluster spec, a ManualClock and a ScriptedCluster behind the runner's ports; runs accumulate their stored events. */
export class RolloutScene {
  readonly stored: RolloutEvent[] = [];

  constructor(
    readonly cluster: ClusterSpec,
    readonly plan: RolloutPlan,
    readonly clock: ManualClock,
    readonly nodes: ScriptedCluster,
  ) {}

  get deps(): StepDeps {
    return {
      executor: this.nodes.executor,
      healthProbe: this.nodes.healthProbe,
      artifacts: { describe: () => Promise.reject(new Error('the runner does not describe artifacts')), open: () => { throw new Error('the scripted cluster takes no upload bytes'); }, list: () => Promise.reject(new Error('the runner does not list artifacts')) },
      clock: this.clock,
      log: silentLog,
      pollIntervalMs: 1000,
    };
  }

  async run(options: SceneRunOptions = {}): Promise<SceneRun> {
    const since = this.nodes.sent.length;
    const shown: RolloutEvent[] = [];
    const recorded: RolloutEvent[] = [];
    let asked: Asked | undefined;
    let lostAt: number | undefined;
    let storeFailed = false;
    const control: RunControl = {
      requested: () => asked,
      lost: () => (lostAt === undefined ? undefined : 'another process took the rollout over'),
    };
    const mode = options.mode ?? 'start';
    const input: RunRolloutInput = {
      rolloutId: 'r-0001',
      plan: this.plan,
      cluster: this.cluster,
      targets: new Map(this.cluster.nodes.map((n) => [n.name, { name: n.name, host: n.host, port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 1000 }])),
      mode,
      ...(options.by === undefined ? {} : { by: options.by }),
      ...(options.afterRestart === undefined ? {} : { afterRestart: options.afterRestart }),
      past: mode === 'start' ? [] : [...(options.past ?? this.stored)],
      leftoverWaitSeconds: 600,
      record: (event) => {
        if (storeFailed || options.storeFailsWhen?.(event) === true) {
          storeFailed = true;
          throw new Error('SQLITE_FULL: database or disk is full');
        }
        recorded.push(event);
        this.stored.push(event);
      },
      onEvent: (event) => {
        shown.push(event);
        if (asked === undefined && options.ask?.when(event) === true) asked = { cause: options.ask.cause, ...(options.ask.by === undefined ? {} : { by: options.ask.by }) };
        if (lostAt === undefined && options.loseWhen?.(event) === true) lostAt = this.nodes.sent.length;
        if (options.killWhen?.(event) === true) throw new Killed('the bot was killed');
      },
      control,
    };
    const died = this.nodes.nextDeath().then(() => 'died' as const);
    let result: RolloutResult | undefined;
    try {
      const ended = await Promise.race([runRollout(input, this.deps), died]);
      result = ended === 'died' ? undefined : ended;
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
    }
    return { result, shown, recorded, since, afterLoss: lostAt === undefined ? [] : this.nodes.sent.slice(lostAt) };
  }
}

/** Matches the event a step of the plan emits: `step('node2/apply', 'StepSucceeded')`. */
export const stepEvent =
  (stepId: string, type: 'StepStarted' | 'StepSucceeded' | 'StepFailed' = 'StepSucceeded'): EventTest =>
  (event) =>
    event.type === type && event.stepId === stepId;

/**
 * Fluent builder of runner scenes: `aRolloutScene().fullShutdown().build()`. A 3-node cluster on
 * dxp-16-7110 and a plan for `fixpack install dxp-17-7110 on prod` unless told otherwise.
 */
export class RolloutSceneBuilder {
  private nodeCount = 3;
  private request = 'fixpack install dxp-17-7110 on prod';
  private shutdown = false;
  private restore = true;
  private patches: readonly string[] = ['dxp-16-7110'];

  withNodes(count: number): this {
    this.nodeCount = count;
    return this;
  }

  forRequest(text: string): this {
    this.request = text;
    return this;
  }

  fullShutdown(): this {
    this.shutdown = true;
    return this;
  }

  withoutRestoreOnFailure(): this {
    this.restore = false;
    return this;
  }

  withPatches(patches: readonly string[]): this {
    this.patches = patches;
    return this;
  }

  build(): RolloutScene {
    const cluster = { ...aCluster().withNodes(this.nodeCount).build(), restoreOnFailure: this.restore };
    const planBuilder = aRolloutPlan().withNodes(this.nodeCount).forRequest(this.request);
    const plan = (this.shutdown ? planBuilder.fullShutdown() : planBuilder).build();
    const clock = new ManualClock();
    const nodes = new ScriptedCluster(cluster, clock, { patches: this.patches, artifacts: Object.fromEntries(plan.artifacts.map((a) => [a.file, a.sha256])) });
    return new RolloutScene(cluster, plan, clock, nodes);
  }
}

export const aRolloutScene = (): RolloutSceneBuilder => new RolloutSceneBuilder();
