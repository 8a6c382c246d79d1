import { CodedError } from '../domain/coded-error.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { messageOf } from '../domain/message-of.ts';
import { healthGateSteps, restoreSteps } from '../domain/plan/bring-up-steps.ts';
import type { ChangeAction } from '../domain/plan/change-action.ts';
import type { ClusterSpec, NodeSpec } from '../domain/plan/cluster-spec.ts';
import { nodePaths } from '../domain/plan/node-paths.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { PlanStep, StepKind } from '../domain/plan/rollout-step.ts';
import type { NodeStanding, RolloutEvent, RunMode, StepPurpose, StopCause } from '../domain/rollout/rollout-event.ts';
import { replay, transition, type RolloutState } from '../domain/rollout/rollout-state.ts';
import { whereNodesStand } from '../domain/rollout/where-nodes-stand.ts';
import { wayBack } from '../domain/rollout/way-back.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import type { NodeTarget, RunControl } from './ports.ts';
import { runStep } from './run-step.ts';
import { failed, type StepOutcome } from './step-outcome.ts';
import { findStanding } from './steps/find-standing.ts';
import { expectedNodeFacts, preflightMismatch } from './preflight-mismatch.ts';
import { followFromBeginning } from './steps/start-node.ts';
import { text, type RichText } from '../domain/text/rich-text.ts';

export interface RunRolloutInput {
  readonly rolloutId: string;
  readonly plan: RolloutPlan;
  readonly cluster: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Facts the verdict rested on; preflight refuses to go on when the nodes report otherwise. */
  readonly expectedFacts?: ClusterFacts;
  /** `start` (the default) runs the plan from the beginning; the others continue from `past`. */
  readonly mode?: 'start' | RunMode;
  /** Who asked for this run (resume, retry, roll back; `bot` for a recovery). */
  readonly by?: string;
  /** The rollout's stored events so far (for every mode but `start`). */
  readonly past?: readonly RolloutEvent[];
  /** `recover`: continue when every completed node still verifies (`resume`), or bring the nodes up and hold (`ask`). */
  readonly afterRestart?: 'resume' | 'ask';
  /** How long a command a dead run left working on a node is waited for (recovery). */
  readonly leftoverWaitSeconds?: number;
  /**
   * Makes the event durable (the store). May throw: the run then stops at the next safe point, with
   * the node in progress brought back up, and reports through `onEvent` alone.
   */
  readonly record?: (event: RolloutEvent) => void;
  /** Renders each event (Slack, terminal); awaited, so events are never reordered. */
  readonly onEvent: (event: RolloutEvent) => Promise<void> | void;
  /** Pause, abort, shutdown and the lease: checked between steps. */
  readonly control?: RunControl;
}

export interface RolloutResult {
  /** `lost`: another process owns the rollout now; this run stopped without touching anything more. */
  readonly outcome: 'succeeded' | 'failed' | 'paused' | 'interrupted' | 'rolled-back' | 'lost';
  readonly summary: RichText;
  readonly durationMs: number;
  readonly state: RolloutState;
}

/** Thrown between steps when the lease is gone: not a single command more may run. */
const leaseLost = (reason: string): CodedError => new CodedError('lease_lost', reason);

const BRING_UP: readonly StepKind[] = ['start', 'wait-started', 'wait-healthy', 'wait-cluster', 'enable'];
const CHANGES: readonly StepKind[] = ['drain', 'stop', 'backup', 'apply'];

function changeOf(plan: RolloutPlan): ChangeAction | undefined {
  for (const s of plan.steps) if (s.action.kind === 'apply') return s.action.change;
  return undefined;
}

/**
 * Works through the plan, or continues it. The runner's view of the nodes is `transition()` folded
 * over the events it emits (after the stored ones): no second tally. Preflight checks every node
 * before any node stops; a resumed run first finds where every node really stands. Between steps it
 * checks its lease (fencing), a pause or abort someone asked for, and the store; a failed step stops
 * the run before the next node is touched, with the node put back from its backup. Whatever stops
 * it, the node in progress is brought back up first, and the last event says where every node stands.
 */
export async function runRollout(input: RunRolloutInput, deps: StepDeps): Promise<RolloutResult> {
  const { plan, cluster, rolloutId } = input;
  const mode = input.mode ?? 'start';
  const now = (): string => deps.clock.now().toISOString();
  const began = Date.now();
  const change = changeOf(plan);
  let state = replay(plan.nodes, input.past ?? []);
  // No node stopped yet (the run was stopped in or right after its preflight, or its preflight failed): going on means the
  // whole preflight again, the check of the nodes against the verdict included, then every node, as for a run that starts.
  const fresh = mode !== 'rollback' && mode !== 'start' && plan.nodes.every((n) => state.nodes[n]?.touched !== true && state.nodes[n]?.changed !== true);
  let storeError: string | undefined;
  const emit = async (event: RolloutEvent): Promise<void> => {
    state = transition(state, event);
    if (input.record !== undefined && storeError === undefined) {
      try {
        input.record(event);
      } catch (error) {
        storeError = messageOf(error);
        deps.log.error({ rolloutId, err: storeError }, 'the store failed during a rollout: stopping at the next safe point');
      }
    }
    await input.onEvent(event);
  };
  const specs = new Map(cluster.nodes.map((n) => [n.name, n]));
  // Every node the plan has steps on: the nodes it changes, and in a full shutdown the skipped ones it only stops and starts.
  const stepNodes = cluster.nodes.map((n) => n.name).filter((n) => plan.steps.some((s) => s.node === n) || plan.nodes.includes(n));
  const contexts = new Map<string, NodeContext>();
  for (const name of stepNodes) {
    const spec = specs.get(name);
    const target = input.targets.get(name);
    if (spec === undefined || target === undefined) throw new Error(`no inventory entry or SSH target for node ${name}`);
    contexts.set(name, { spec, target, paths: nodePaths(spec.liferayHome, cluster.tomcatDir, rolloutId), session: undefined, catalinaOffset: undefined, liferayLog: undefined });
  }
  const ctxOf = (node: string): NodeContext => {
    const ctx = contexts.get(node);
    if (ctx === undefined) throw new Error(`plan names unknown node ${node}`);
    return ctx;
  };
  const specOf = (node: string): NodeSpec => ctxOf(node).spec;
  const standings = new Map<string, NodeStanding>();

  const result = (outcome: RolloutResult['outcome'], summary: RichText): RolloutResult => ({ outcome, summary, durationMs: Date.now() - began, state });

  /** Fencing: checked before anything that sends a node a command (a step, a probe, a look at its logs). */
  const fence = (): void => {
    const lost = input.control?.lost();
    if (lost !== undefined) throw leaseLost(lost);
  };

  /** Why the run must stop now, if it must. The lease first: a run that lost it touches nothing more. */
  const stopWanted = (): { cause: StopCause; by?: string | undefined; message: string } | undefined => {
    fence();
    if (storeError !== undefined) return { cause: 'store-failure', message: `the rollout store failed (${storeError}): nothing more is recorded, so the run stops` };
    const asked = input.control?.requested();
    if (asked === undefined) return undefined;
    const message =
      asked.cause === 'shutdown'
        ? 'the bot is shutting down: it stops after the node in progress is back up'
        : asked.cause === 'pause'
          ? 'paused: it stops after the node in progress is back up'
          : 'aborted: it stops now, after bringing the node in progress back up';
    return { cause: asked.cause, by: asked.by, message };
  };

  const step = (s: PlanStep, purpose: StepPurpose, judge?: (o: StepOutcome) => StepOutcome): Promise<StepOutcome> => {
    fence();
    return runStep(s, purpose, ctxOf(s.node), deps, emit, judge);
  };

  const hold = async (outcome: 'failed' | 'paused' | 'interrupted', headline: string, trailer: RichText | string = ''): Promise<RolloutResult> => {
    const summary = text`${headline} Where things stand: ${whereNodesStand(plan.nodes, state)}.${trailer}`;
    await emit({ type: 'RolloutDone', at: now(), outcome, durationMs: Date.now() - began, summary });
    return result(outcome, summary);
  };

  const probeStanding = async (node: string): Promise<NodeStanding | StepOutcome> => {
    if (change === undefined) return failed('the plan has no change to check');
    fence();
    const found = await findStanding(ctxOf(node), deps, change, input.leftoverWaitSeconds);
    if (!found.ok) return found.error;
    standings.set(node, found.value);
    await emit({ type: 'NodeFound', at: now(), node, ...found.value });
    return found.value;
  };

  /** Runs steps of one node in order; the first failure ends it. */
  const runAll = async (steps: readonly PlanStep[], purpose: StepPurpose): Promise<StepOutcome> => {
    for (const s of steps) {
      if (s.action.kind === 'wait-started' && standings.get(s.node)?.running === true && !steps.some((x) => x.action.kind === 'start')) {
        fence();
        const positioned = await followFromBeginning(ctxOf(s.node));
        if (!positioned.ok) return positioned;
      }
      const outcome = await step(s, purpose);
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  };

  /** Members a node should see when it comes back, given how many other plan nodes are up. */
  const membersFor = (node: string): number => {
    if (plan.strategy === 'rolling') return cluster.health.expectClusterMembers;
    const othersDown = stepNodes.filter((n) => n !== node && state.nodes[n]?.touched === true && !state.nodes[n].done).length;
    return Math.max(1, cluster.health.expectClusterMembers - othersDown);
  };

  /**
   * Brings a node the run leaves behind to a healthy state. After a failed step it is put back from
   * its backup; after an abort or a restart it is finished when its change is complete, else put back.
   * A node that was never stopped is left as it is (and never called "not restored").
   */
  const bringBack = async (node: string, why: 'restore' | 'finish-or-restore'): Promise<boolean> => {
    if (change === undefined) return false;
    const spec = specOf(node);
    const found = await probeStanding(node);
    if (!('running' in found)) {
      await emit({ type: 'RestoreFinished', at: now(), node, ok: false, message: `${node} could not be checked: ${found.ok ? '' : found.message}` });
      return false;
    }
    if (found.running && found.healthy && found.hasChange !== 'yes') {
      const enable = spec.commands.enable === undefined ? [] : healthGateSteps(spec, cluster.health, membersFor(node), 'node', '#restore').filter((s) => s.action.kind === 'enable');
      const back = await runAll(enable, 'restore');
      await emit({ type: 'RestoreFinished', at: now(), node, ok: back.ok, message: `${node} was not stopped: it still runs as before${back.ok ? '' : ', but could not be put back into the load balancer'}` });
      return back.ok;
    }
    if (why === 'finish-or-restore' && found.hasChange === 'yes') {
      const gates = plan.steps.filter((s) => s.node === node && s.phase === 'node' && BRING_UP.includes(s.action.kind));
      const began = Date.now();
      const finished = await runAll(found.running ? gates.filter((s) => s.action.kind !== 'start') : gates, 'rollout');
      if (finished.ok) await emit({ type: 'NodeDone', at: now(), node, durationMs: Date.now() - began });
      return finished.ok;
    }
    await emit({ type: 'RestoreStarted', at: now(), node, purpose: 'restore' });
    const restored = await runAll(restoreSteps(spec, change, cluster.health, membersFor(node), '#restore'), 'restore');
    // A put-back that failed may have put the files back all the same (the node then did not come up healthy): say what the node shows now.
    if (!restored.ok) await probeStanding(node);
    await emit({
      type: 'RestoreFinished',
      at: now(),
      node,
      ok: restored.ok,
      purpose: 'restore',
      message: restored.ok ? `${node} put back from its backup and healthy` : `${node} could not be put back: ${restored.message}`,
    });
    return restored.ok;
  };

  /** Every node of the plan that a run left down or half-changed, brought back (in plan order). */
  const bringBackAll = async (why: 'restore' | 'finish-or-restore'): Promise<void> => {
    for (const node of stepNodes) {
      const n = state.nodes[node];
      if (n !== undefined && (n.touched || n.changed || n.status === 'failed') && !n.done) await bringBack(node, why);
    }
  };

  const stopRun = async (stop: { cause: StopCause; by?: string | undefined; message: string }): Promise<RolloutResult> => {
    await emit({ type: 'RunStopping', at: now(), cause: stop.cause, ...(stop.by === undefined ? {} : { by: stop.by }), message: stop.message });
    if (stop.cause === 'abort' || stop.cause === 'store-failure') await bringBackAll('finish-or-restore');
    const headline =
      stop.cause === 'store-failure'
        ? `Stopped: ${stop.message}.`
        : stop.cause === 'shutdown'
          ? 'Paused: the bot shut down; it resumes when it starts again.'
          : `${stop.cause === 'abort' ? 'Aborted' : 'Paused'} on request.`;
    return hold(stop.cause === 'store-failure' ? 'failed' : 'paused', headline);
  };

  const failRun = async (failure: { node: string; message: string }): Promise<RolloutResult> => {
    if (cluster.restoreOnFailure) await bringBackAll('restore');
    const tail = cluster.restoreOnFailure ? '' : ' Restore on failure is off: the nodes were left as they are.';
    const changed = plan.nodes.filter((n) => state.nodes[n]?.changed === true);
    const back = changed.length === 0 ? '' : text` Way back for ${changed.join(', ')}: ${wayBack(plan.request, input.expectedFacts ?? {}, ctxOf(changed[0] ?? '').paths).text}.`;
    return hold('failed', `Failed on ${failure.node}: ${failure.message}.${tail}`, back);
  };

  /**
   * Whether a step of the plan is already done on its node: a node that has the change skips the
   * steps that make it (drain, stop, backup, apply), and one that runs skips the start as well.
   */
  const alreadyDone = (s: PlanStep): boolean => {
    if (state.nodes[s.node]?.changed !== true) return false;
    return CHANGES.includes(s.action.kind) || (s.action.kind === 'start' && standings.get(s.node)?.running === true);
  };

  /** A running node whose start was not this run's: its gates read its logs from the beginning. */
  const positionFor = async (s: PlanStep): Promise<StepOutcome> => {
    if (s.action.kind !== 'wait-started' || standings.get(s.node)?.running !== true || state.nodes[s.node]?.changed !== true) return { ok: true };
    fence();
    return followFromBeginning(ctxOf(s.node));
  };

  const preflight = async (): Promise<RolloutResult | undefined> => {
    const steps = plan.steps.filter((s) => s.phase === 'preflight');
    const lastProbe = steps.map((s) => s.action.kind).lastIndexOf('probe');
    const probed = new Map<string, ClusterFacts>();
    for (const [i, s] of steps.entries()) {
      const stop = stopWanted();
      if (stop !== undefined) return stopRun(stop);
      const outcome = await step(s, 'rollout', (o) => {
        if (o.ok && o.facts !== undefined) probed.set(s.node, o.facts);
        if (!o.ok || i !== lastProbe) return o;
        const changedByThisRollout = new Set(plan.nodes.filter((n) => state.nodes[n]?.changed === true));
        const problems = preflightMismatch(expectedNodeFacts(plan, input.expectedFacts), probed, { change, changedByThisRollout });
        return problems.length > 0 ? failed(`the nodes are not as the verdict assumed: ${problems.join('; ')}. Nothing was changed; ask again for a fresh verdict`) : o;
      });
      if (!outcome.ok) return hold('failed', `Failed in preflight on ${s.node}: ${outcome.message}. No node was stopped.`);
    }
    return undefined;
  };

  /** A continued run: find where every node stands, and stage what the remaining nodes need. */
  const reconcile = async (stageFor: readonly string[]): Promise<RolloutResult | undefined> => {
    for (const node of plan.strategy === 'rolling' ? plan.nodes : stepNodes) {
      const found = await probeStanding(node);
      if (!('running' in found)) return hold('failed', `Could not find where ${node} stands: ${found.ok ? '' : found.message}. Nothing was changed.`);
    }
    for (const s of plan.steps.filter((x) => x.phase === 'preflight' && x.action.kind === 'stage' && stageFor.includes(x.node))) {
      const outcome = await step(s, 'rollout');
      if (!outcome.ok) return hold('failed', `Could not stage the artifacts on ${s.node}: ${outcome.message}. Nothing was changed.`);
    }
    return undefined;
  };

  const rollBack = async (): Promise<RolloutResult> => {
    if (change === undefined) return hold('failed', 'Nothing to roll back: the plan has no change.');
    const nodes = plan.nodes.filter((n) => state.nodes[n]?.changed === true || state.nodes[n]?.touched === true).reverse();
    for (const node of nodes) {
      const stop = stopWanted();
      if (stop !== undefined) return stopRun(stop);
      const spec = specOf(node);
      await emit({ type: 'RestoreStarted', at: now(), node, purpose: 'rollback' });
      let outcome = await runAll(restoreSteps(spec, change, cluster.health, membersFor(node), '#rollback'), 'rollback');
      // Probed whether or not the steps passed: a failed roll back must not leave the node "updated and healthy" in the state.
      const after = await probeStanding(node);
      if (outcome.ok) {
        if (!('running' in after)) outcome = after;
        else if (after.hasChange === 'yes') outcome = failed(`${node} still shows the change after its backup was put back`);
      }
      await emit({
        type: 'RestoreFinished',
        at: now(),
        node,
        ok: outcome.ok,
        purpose: 'rollback',
        message: outcome.ok ? `${node} rolled back from its backup and healthy` : `${node} could not be rolled back: ${outcome.message}`,
      });
      if (!outcome.ok) return hold('failed', `Roll back failed on ${node}.`);
    }
    const summary = nodes.length === 0 ? text`Nothing to roll back: no node had the change.` : text`Rolled back ${nodes.reverse().join(', ')}: every node is as it was before the change.`;
    await emit({ type: 'RolloutDone', at: now(), outcome: 'rolled-back', durationMs: Date.now() - began, summary });
    return result('rolled-back', summary);
  };

  const forward = async (): Promise<RolloutResult> => {
    const retryNode = state.failure?.node ?? plan.nodes.find((n) => state.nodes[n]?.done !== true);
    const pendingOf = (nodes: readonly string[]): string[] => nodes.filter((n) => state.nodes[n]?.done !== true);
    const todo = mode === 'retry' && !fresh && retryNode !== undefined && plan.strategy === 'rolling' ? [retryNode] : pendingOf(plan.strategy === 'rolling' ? plan.nodes : stepNodes);
    if (plan.strategy === 'rolling') {
      for (const node of todo) {
        const stop = stopWanted();
        if (stop !== undefined) return stopRun(stop);
        const nodeBegan = Date.now();
        const steps = plan.steps.filter((s) => s.node === node && s.phase === 'node' && !alreadyDone(s));
        for (const s of steps) {
          const positioned = await positionFor(s);
          if (!positioned.ok) return failRun({ node, message: positioned.message });
          const outcome = await step(s, 'rollout');
          if (!outcome.ok) return failRun({ node, message: outcome.message });
          const midway = stopWanted();
          if (midway !== undefined && (midway.cause === 'abort' || midway.cause === 'store-failure')) return stopRun(midway);
        }
        await emit({ type: 'NodeDone', at: now(), node, durationMs: Date.now() - nodeBegan });
      }
    } else {
      // Whole cluster down: every step in plan order, skipping nodes already done and the changing
      // steps of nodes that already have the change.
      const steps = plan.steps.filter((s) => s.phase === 'node' && todo.includes(s.node) && !alreadyDone(s));
      const last = new Map(steps.map((s, i) => [s.node, i]));
      const nodeBegan = Date.now();
      for (const [i, s] of steps.entries()) {
        const stop = stopWanted();
        if (stop !== undefined && (stop.cause === 'abort' || stop.cause === 'store-failure' || i === 0)) return stopRun(stop);
        const positioned = await positionFor(s);
        if (!positioned.ok) return failRun({ node: s.node, message: positioned.message });
        const outcome = await step(s, 'rollout');
        if (!outcome.ok) return failRun({ node: s.node, message: outcome.message });
        if (last.get(s.node) === i) await emit({ type: 'NodeDone', at: now(), node: s.node, durationMs: Date.now() - nodeBegan });
      }
    }
    const remaining = plan.nodes.filter((n) => state.nodes[n]?.done !== true);
    if (remaining.length > 0) return hold('paused', `Retried ${retryNode ?? 'the node'}: it is done; ${remaining.join(', ')} still to do (Resume continues).`);
    for (const s of plan.steps.filter((x) => x.phase === 'postcheck')) {
      const outcome = await step(s, 'rollout');
      if (!outcome.ok) return hold('failed', `The post-check failed on ${s.node}: ${outcome.message}.`);
    }
    const summary = text`${plan.nodes.length} of ${plan.nodes.length} nodes updated and verified (${plan.strategy})`;
    await emit({ type: 'RolloutDone', at: now(), outcome: 'succeeded', durationMs: Date.now() - began, summary });
    return result('succeeded', summary);
  };

  try {
    if (mode === 'start') {
      await emit({ type: 'RolloutStarted', at: now(), planHash: plan.hash, nodes: plan.nodes });
      const stopped = await preflight();
      if (stopped !== undefined) return stopped;
      return await forward();
    }
    const pending = plan.nodes.filter((n) => state.nodes[n]?.done !== true);
    const message =
      mode === 'rollback'
        ? 'rolling back the nodes that have the change'
        : mode === 'retry'
          ? `retrying ${state.failure?.node ?? pending[0] ?? 'the failed node'}`
          : mode === 'recover'
            ? 'the bot restarted: finding where every node stands'
            : `resuming from ${pending[0] ?? 'the post-check'}`;
    await emit({ type: 'RolloutResumed', at: now(), mode, by: input.by ?? 'bot', nodes: mode === 'rollback' ? plan.nodes.filter((n) => state.nodes[n]?.changed === true) : pending, message });
    const wasDone = plan.nodes.filter((n) => state.nodes[n]?.done === true);
    const stopped = await reconcile(mode === 'rollback' || fresh ? [] : pending);
    if (stopped !== undefined) return stopped;
    if (mode === 'rollback') return await rollBack();
    if (mode === 'recover') {
      const lost = wasDone.filter((n) => state.nodes[n]?.done !== true);
      if (input.afterRestart === 'ask' || lost.length > 0) {
        await bringBackAll('finish-or-restore');
        const why =
          lost.length > 0
            ? `${lost.join(', ')} no longer verif${lost.length === 1 ? 'ies' : 'y'} as updated and healthy, so the bot does not continue on its own.`
            : 'This cluster is set to wait for a decision after a restart (afterRestart: ask).';
        return await hold('interrupted', `The bot restarted while this ran and brought the nodes back to a healthy state. ${why}`);
      }
    }
    if (fresh) {
      const refused = await preflight();
      if (refused !== undefined) return refused;
    }
    return await forward();
  } catch (error) {
    if (error instanceof CodedError && error.code === 'lease_lost') {
      deps.log.warn({ rolloutId, reason: error.message }, 'lost the rollout lease: stopped without touching another node');
      return result('lost', text`Stopped: ${error.message}. Another run owns the rollout now.`);
    }
    throw error;
  } finally {
    await Promise.all([...contexts.values()].map(async (c) => c.session?.close().catch(() => undefined)));
  }
}
