import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import { nodePaths } from '../domain/plan/node-paths.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';
import { wayBack } from '../domain/rollout/way-back.ts';
import type { NodeContext, StepDeps } from './node-context.ts';
import type { NodeTarget } from './ports.ts';
import { restoreNodes } from './restore-nodes.ts';
import { executeStep } from './steps/execute-step.ts';
import { factDifferences } from './steps/probe-node.ts';
import { failed, type StepOutcome } from './step-outcome.ts';

export interface RunRolloutInput {
  readonly rolloutId: string;
  readonly plan: RolloutPlan;
  readonly cluster: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Facts the verdict rested on; preflight refuses to go on when the nodes report otherwise. */
  readonly expectedFacts?: ClusterFacts;
  /** Stores and renders each event; awaited, so events are never reordered. */
  readonly onEvent: (event: RolloutEvent) => Promise<void> | void;
}

export interface RolloutResult {
  readonly outcome: 'succeeded' | 'failed';
  readonly summary: string;
  readonly durationMs: number;
}

function describeMismatch(expected: ClusterFacts, probed: ClusterFacts): string[] {
  const out: string[] = [];
  if (expected.patches !== undefined && probed.patches !== undefined) {
    const a = [...expected.patches].map((p) => p.toLowerCase()).sort().join(', ');
    const b = [...probed.patches].sort().join(', ');
    if (a !== b) out.push(`the verdict assumed patches ${a || 'none'} but the nodes report ${b || 'none'}`);
  }
  if (expected.java !== undefined && probed.java !== undefined && expected.java !== probed.java) {
    out.push(`the verdict assumed Java ${expected.java} but the nodes run ${probed.java}`);
  }
  return out;
}

/**
 * Works through the plan step by step. Preflight checks every node before any node stops; a failed
 * step stops the rollout before the next node is touched; the failed node (all stopped nodes for a
 * full shutdown) is restored from its backup when the cluster says so; the last event says where
 * every node stands.
 */
export async function runRollout(input: RunRolloutInput, deps: StepDeps): Promise<RolloutResult> {
  const { plan, cluster, rolloutId } = input;
  const now = (): string => deps.clock.now().toISOString();
  const emit = async (event: RolloutEvent): Promise<void> => {
    await input.onEvent(event);
  };
  const began = Date.now();
  const contexts = new Map<string, NodeContext>();
  for (const node of cluster.nodes) {
    const target = input.targets.get(node.name);
    if (target === undefined) throw new Error(`no SSH target for node ${node.name}`);
    contexts.set(node.name, { spec: node, target, paths: nodePaths(node.liferayHome, cluster.tomcatDir, rolloutId), session: undefined, catalinaOffset: undefined, liferayLog: undefined });
  }
  const lastNodeStep = new Map<string, number>();
  plan.steps.forEach((s, i) => {
    if (s.phase === 'node') lastNodeStep.set(s.node, i);
  });
  const lastProbe = plan.steps.map((s) => s.action.kind).lastIndexOf('probe');
  const probed = new Map<string, ClusterFacts>();
  const touched = new Set<string>();
  const done = new Set<string>();
  const nodeStarted = new Map<string, number>();
  let failure: { node: string; stepId: string; message: string } | undefined;

  await emit({ type: 'RolloutStarted', at: now(), planHash: plan.hash, nodes: plan.nodes });
  try {
    for (const [index, step] of plan.steps.entries()) {
      const ctx = contexts.get(step.node);
      if (ctx === undefined) throw new Error(`plan names unknown node ${step.node}`);
      if (step.phase === 'node' && !nodeStarted.has(step.node)) nodeStarted.set(step.node, Date.now());
      if (step.action.kind === 'drain' || step.action.kind === 'stop') touched.add(step.node);
      await emit({ type: 'StepStarted', at: now(), stepId: step.id, node: step.node, title: step.title });
      const started = Date.now();
      let outcome: StepOutcome;
      try {
        outcome = await executeStep(step, ctx, deps);
      } catch (error) {
        outcome = failed(`${step.title}: ${(error as Error).message}`);
      }
      if (outcome.ok && outcome.facts !== undefined) probed.set(step.node, outcome.facts);
      if (outcome.ok && index === lastProbe) {
        const problems = [...factDifferences(probed), ...describeMismatch(input.expectedFacts ?? {}, probed.values().next().value ?? {})];
        if (problems.length > 0) outcome = failed(`the nodes are not as the verdict assumed: ${problems.join('; ')}. Nothing was changed; ask again for a fresh verdict`);
      }
      const durationMs = Date.now() - started;
      if (!outcome.ok) {
        await emit({
          type: 'StepFailed',
          at: now(),
          stepId: step.id,
          node: step.node,
          durationMs,
          message: outcome.message,
          outputTail: outcome.outputTail,
          ...(outcome.command === undefined ? {} : { command: outcome.command }),
          ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
        });
        failure = { node: step.node, stepId: step.id, message: outcome.message };
        break;
      }
      await emit({ type: 'StepSucceeded', at: now(), stepId: step.id, node: step.node, durationMs, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) });
      if (lastNodeStep.get(step.node) === index) {
        done.add(step.node);
        await emit({ type: 'NodeDone', at: now(), node: step.node, durationMs: Date.now() - (nodeStarted.get(step.node) ?? started) });
      }
    }

    if (failure === undefined) {
      const summary = `${plan.nodes.length} of ${plan.nodes.length} nodes updated and verified (${plan.strategy})`;
      await emit({ type: 'RolloutDone', at: now(), outcome: 'succeeded', durationMs: Date.now() - began, summary });
      return { outcome: 'succeeded', summary, durationMs: Date.now() - began };
    }

    // Failure: put back what is half done, leave the rest as it is, and say where everything stands.
    const apply = plan.steps.find((s) => s.action.kind === 'apply');
    const change = apply?.action.kind === 'apply' ? apply.action.change : undefined;
    const halfDone = plan.nodes.filter((n) => touched.has(n) && !done.has(n));
    let restoredOk: boolean | undefined;
    if (halfDone.length > 0 && change !== undefined && cluster.restoreOnFailure) {
      const nodes = halfDone.map((n) => contexts.get(n)).filter((c): c is NodeContext => c !== undefined);
      restoredOk = await restoreNodes({ cluster, change, nodes, upCount: plan.nodes.length - halfDone.length, emit, now }, deps);
    }
    const states = plan.nodes.map((n) => {
      if (done.has(n)) return `${n} updated and healthy`;
      if (!touched.has(n)) return `${n} untouched`;
      if (restoredOk === undefined) return `${n} stopped or half-changed (restore on failure is off): check it by hand`;
      return restoredOk ? `${n} restored from its backup and healthy` : `${n} NOT healthy after restore: check it by hand`;
    });
    const updated = plan.nodes.filter((n) => done.has(n));
    const back = updated.length > 0 ? ` Way back for ${updated.join(', ')}: ${wayBack(plan.request, input.expectedFacts ?? {}, contexts.get(updated[0] ?? '')?.paths.backup ?? '')}.` : '';
    const summary = `Failed at ${failure.stepId} (${failure.message}). ${states.join('; ')}.${back}`;
    await emit({ type: 'RolloutDone', at: now(), outcome: 'failed', durationMs: Date.now() - began, summary });
    return { outcome: 'failed', summary, durationMs: Date.now() - began };
  } finally {
    await Promise.all([...contexts.values()].map((c) => c.session?.close().catch(() => undefined)));
  }
}
