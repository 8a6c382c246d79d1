import type { Verdict } from '../eligibility/verdict.ts';
import { maskedRequest } from '../liferay/masked-request.ts';
import type { NodeFacts } from '../liferay/node-facts.ts';
import { describeChange } from '../request/describe-request.ts';
import { err, ok, type Result } from '../result.ts';
import { canonicalJson } from './canonical-json.ts';
import { changeActionFor, touchedPaths } from './change-action-for.ts';
import type { ClusterSpec, NodeSpec } from './cluster-spec.ts';
import { requiredArtifacts } from './required-artifacts.ts';
import type { PlanArtifact, RolloutPlan, SkippedNode, Strategy } from './rollout-plan.ts';
import type { PlanStep } from './rollout-step.ts';
import { bringUpSteps, planStep, takeDownSteps } from './bring-up-steps.ts';

export interface PlanInput {
  readonly verdict: Verdict;
  readonly cluster: ClusterSpec;
  /** What the artifact folder holds of the files this change needs (name, sha256, size). */
  readonly artifacts: readonly PlanArtifact[];
  /** Nodes that already have the change (from `nodesNeeding`): not changed; default none. */
  readonly skipped?: readonly SkippedNode[];
  /** Every node's facts the verdict rested on, kept in the plan for the runner's preflight; default none. */
  readonly nodeFacts?: NodeFacts;
  /** Hex SHA-256 of a text (supplied from outside the pure domain): the plan hash is `hash(canonicalJson(plan without hash))`. */
  readonly hash: (text: string) => string;
}

/**
 * Minutes a node typically needs for stop + start + checks: the estimate for a cluster with no
 * past rollouts (`expectedDuration` learns from the ones it has); never a time-out.
 */
export const TYPICAL_NODE_MINUTES = 6;

const step = planStep;

/**
 * Request + verdict + cluster -> the rollout as data. Eligible changes roll node by node; ineligible
 * ones get a full-shutdown plan (stop all, change all, start the first alone, then the rest).
 * Skipped nodes (already changed) are checked in preflight like every node; a rolling plan leaves
 * them running (its cluster-view waits still expect every member), a full shutdown stops and starts
 * them with the others (old and new must not run side by side) but neither backs them up nor
 * changes them. Only changed nodes get staged artifacts and the post-check.
 * Errors: the verdict is an error, an artifact is missing, the change kind cannot be applied, or
 * no node is left to change.
 */
export function buildPlan({ verdict, cluster, artifacts, skipped = [], nodeFacts = {}, hash }: PlanInput): Result<RolloutPlan, string> {
  if (verdict.type === 'error') return err(`no plan: ${verdict.message}`);
  const request = verdict.request;
  if (request.cluster !== cluster.name) return err(`the request is for cluster "${request.cluster}", not "${cluster.name}"`);
  const change = changeActionFor(request, cluster, verdict.revertTo);
  if (!change.ok) return change;
  const needed = requiredArtifacts(request, verdict.revertTo);
  const missing = needed.filter((file) => !artifacts.some((a) => a.file === file));
  if (missing.length > 0) return err(`${missing.join(', ')} not found in the artifact folder: put ${missing.length === 1 ? 'it' : 'them'} there first`);
  const staged = artifacts.filter((a) => needed.includes(a.file));
  const strategy: Strategy = verdict.verdict === 'ineligible' ? 'full-shutdown' : 'rolling';
  const { health } = cluster;
  // Step titles are shown (thread, plan, terminal): a secret value is masked there; the action carries the real one.
  const what = describeChange(maskedRequest(request));
  const nodes = cluster.nodes;
  const unknown = skipped.filter((s) => !nodes.some((n) => n.name === s.node));
  if (unknown.length > 0) return err(`cannot skip ${unknown.map((s) => s.node).join(', ')}: not a node of ${cluster.name}`);
  const skips = (node: NodeSpec): boolean => skipped.some((s) => s.node === node.name);
  const changing = nodes.filter((node) => !skips(node));
  if (changing.length === 0) return err(`nothing to do: every node of ${cluster.name} already has the change`);

  const preflight = nodes.flatMap((node) => [
    step(node, 'preflight', { kind: 'connect' }, `connect to ${node.name} (${node.host}) and check its host key`),
    step(node, 'preflight', { kind: 'check-healthy', url: node.healthUrl }, `check ${node.name} is healthy (${node.healthUrl})`),
    step(node, 'preflight', { kind: 'probe' }, `read ${node.name}'s state (patches, Java, build, modules, config files), compare with what the verdict assumed`),
    ...(staged.length > 0 && !skips(node)
      ? [step(node, 'preflight', { kind: 'stage', files: staged.map(({ file, sha256 }) => ({ file, sha256 })) }, `upload ${staged.map((a) => a.file).join(', ')} to ${node.name}'s staging folder and check sha256`)]
      : []),
  ]);

  const takeDown = (node: NodeSpec): PlanStep[] => takeDownSteps(node, health);
  const change_ = change.value;
  const modify = (node: NodeSpec): PlanStep[] => [
    step(node, 'node', { kind: 'backup', paths: touchedPaths(change_) }, `back up ${touchedPaths(change_).join(', ')} on ${node.name}`),
    step(node, 'node', { kind: 'apply', change: change_ }, `${what} on ${node.name}`),
  ];
  const bringUp = (node: NodeSpec, members: number): PlanStep[] => bringUpSteps(node, health, members);

  const work =
    strategy === 'rolling'
      ? changing.flatMap((node) => [...takeDown(node), ...modify(node), ...bringUp(node, health.expectClusterMembers)])
      : [...nodes.flatMap(takeDown), ...changing.flatMap(modify), ...nodes.flatMap((node, i) => bringUp(node, Math.min(i + 1, health.expectClusterMembers)))];

  const postcheck = changing.map((node) => step(node, 'postcheck', { kind: 'verify', change: change_ }, `confirm ${node.name} reports the new state`));
  const restarted = strategy === 'rolling' ? changing : nodes;
  const body = {
    cluster: cluster.name,
    request,
    verdict: verdict.verdict,
    strategy,
    nodes: changing.map((n) => n.name),
    skipped: nodes.flatMap((n) => skipped.filter((s) => s.node === n.name).slice(0, 1)),
    nodeFacts,
    artifacts: staged,
    steps: [...preflight, ...work, ...postcheck],
    expectedMinutes: restarted.length * TYPICAL_NODE_MINUTES,
  };
  return ok({ ...body, hash: hash(canonicalJson(body)) });
}
