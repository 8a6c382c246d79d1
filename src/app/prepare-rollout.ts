import { evaluateNodes } from '../domain/eligibility/evaluate-nodes.ts';
import type { Answers, EligibilityPolicy, FixpackHistory } from '../domain/eligibility/eligibility-input.ts';
import type { Verdict } from '../domain/eligibility/verdict.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { settingDiff } from '../domain/liferay/setting-diff.ts';
import { commonFacts } from '../domain/liferay/common-facts.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import type { PatchCatalog } from '../domain/liferay/patch-catalog.ts';
import { buildPlan } from '../domain/plan/build-plan.ts';
import { changeActionFor } from '../domain/plan/change-action-for.ts';
import type { ChangeNeed } from '../domain/plan/change-need.ts';
import type { ClusterSpec } from '../domain/plan/cluster-spec.ts';
import { needFromFacts } from '../domain/plan/need-from-facts.ts';
import { nodesNeeding } from '../domain/plan/nodes-needing.ts';
import { requiredArtifacts } from '../domain/plan/required-artifacts.ts';
import type { PlanArtifact, RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { inspectRequestArtifacts, installedModulesOf } from './inspect-request-artifacts.ts';
import type { ArtifactReader, ArtifactSource, NodeExecutor, NodeTarget } from './ports.ts';
import { factsAgeText } from './facts-cache.ts';
import { probeCluster, type NodeCheck } from './probe-cluster.ts';
import { sha256Hex } from './sha256-hex.ts';
import { checkChangeNeed } from './steps/check-change-need.ts';

export interface PrepareInput {
  readonly request: MaintenanceRequest;
  readonly cluster: ClusterSpec;
  readonly targets: ReadonlyMap<string, NodeTarget>;
  /** Declared in the inventory (and facts file); probed facts win key by key, node by node. */
  readonly declaredFacts: ClusterFacts;
  readonly catalog: PatchCatalog;
  readonly policy: EligibilityPolicy;
  readonly answers?: Answers;
  /** Fix pack levels from this cluster's rollout records (`fixpackHistoryOf`): where a fix pack revert goes back to. */
  readonly history?: FixpackHistory;
  /**
   * Read patches and Java from the nodes over SSH and check on each node whether it already has
   * the change (the default for a real rollout). Without it every node gets the declared facts and
   * the change.
   */
  readonly probe: boolean;
  /**
   * With `probe`: each node's facts as kept warm (`WarmFacts`) and how old they are. The nodes are
   * then not probed again; only a change their facts cannot tell (a file to look at) is checked on
   * each node. The verdict says how old the facts are.
   */
  readonly warm?: { readonly nodeFacts: NodeFacts; readonly ageMs: number };
}

export interface PreparedRollout {
  /** The facts every node agrees on (declared, then probed): a fact the nodes differ in is left out. */
  readonly facts: ClusterFacts;
  /** Each node's facts (declared, then that node's probe), by node name in inventory order. */
  readonly nodeFacts: NodeFacts;
  /** Evaluated per distinct starting facts of the nodes that need the change; `already-done` error when none does. */
  readonly verdict: Verdict;
  /** Undefined when the verdict is an error or the plan cannot be made (see planError). */
  readonly plan: RolloutPlan | undefined;
  readonly planError: string | undefined;
  /** What the nodes' own probe found now (without the declared facts), when they were probed; not with `warm` facts. */
  readonly probed?: NodeFacts;
  /** How old the nodes' facts are: 0 when the nodes were read now, the warm facts' age; absent when no node was read (declared facts only). */
  readonly factsAgeMs?: number;
}

/** What preparing reads besides its input: the nodes (a probe) and the artifact folder. */
export interface PrepareDeps {
  readonly executor: NodeExecutor;
  readonly artifacts: ArtifactSource;
  /** The JAR inspector's reader over the artifact folder: module/plugin requests are judged on what their file does. Without it, on the `--schema` declaration. */
  readonly artifactReader?: ArtifactReader;
}

/** A property or config request's verdict with its change against the values each node's file has now (read by the node check; none without a probe). */
function withSettingDiff(verdict: Verdict, nodes: readonly string[], needs: ReadonlyMap<string, ChangeNeed>): Verdict {
  if (verdict.type === 'error') return verdict;
  const current = new Map(nodes.flatMap((n) => {
    const read = needs.get(n)?.current;
    return read === undefined ? [] : [[n, read] as const];
  }));
  const changes = settingDiff(verdict.request, nodes, current);
  return changes === undefined ? verdict : { ...verdict, changes };
}

/** Request -> facts (per node) -> which nodes need it -> verdict -> plan: what the CLI's plan/run and the Slack bot show before anything runs. */
export async function prepareRollout(input: PrepareInput, deps: PrepareDeps): Promise<Result<PreparedRollout, string>> {
  const { request, cluster } = input;
  const base: ClusterFacts = { ...input.declaredFacts, product: cluster.product };
  const names = cluster.nodes.map((n) => n.name);
  const change = changeActionFor(request, cluster);
  // Placed files are compared with the artifact's sha256, so those are read first (once).
  let artifacts: Result<PlanArtifact[], string> | undefined = change.ok && change.value.type === 'place-file' && input.probe ? await deps.artifacts.describe(requiredArtifacts(request)) : undefined;

  let nodeFacts: NodeFacts = Object.fromEntries(names.map((n) => [n, base]));
  let needs: ReadonlyMap<string, ChangeNeed> = new Map();
  let probedNow: NodeFacts | undefined;
  const warm = input.probe ? input.warm : undefined;
  const fromWarm = warm === undefined ? undefined : names.map((n) => [n, needFromFacts(request, { ...base, ...warm.nodeFacts[n] })] as const);
  if (warm !== undefined && fromWarm?.every(([n, need]) => need !== undefined && warm.nodeFacts[n] !== undefined) === true) {
    // Every node's need is told by its facts: no node is read at all.
    nodeFacts = Object.fromEntries(names.map((n) => [n, { ...base, ...warm.nodeFacts[n] }]));
    needs = new Map(fromWarm.flatMap(([n, need]) => (need === undefined ? [] : [[n, need] as const])));
  } else if (input.probe) {
    const described = artifacts?.ok === true ? artifacts.value : [];
    const check: NodeCheck = (ctx, probed) => checkChangeNeed(ctx, request, change.ok ? change.value : undefined, { ...base, ...probed }, described);
    const probed = await probeCluster(cluster, input.targets, deps, check, warm?.nodeFacts);
    if (!probed.ok) return err(`cannot read the cluster's state: ${probed.error}`);
    nodeFacts = Object.fromEntries(names.map((n) => [n, { ...base, ...probed.value.nodeFacts[n] }]));
    needs = probed.value.needs;
    if (warm === undefined) probedNow = probed.value.nodeFacts;
  }
  const facts = commonFacts(nodeFacts);
  const selection = nodesNeeding(names, needs);
  const evidence = deps.artifactReader === undefined ? {} : await inspectRequestArtifacts(request, { modules: installedModulesOf(nodeFacts, base) }, deps.artifactReader);
  const evaluated = evaluateNodes(request, nodeFacts, selection, input.catalog, { policy: input.policy, artifacts: evidence, ...(input.answers === undefined ? {} : { answers: input.answers }), ...(input.history === undefined ? {} : { history: input.history }) });
  const diffed = withSettingDiff(evaluated, names, needs);
  const verdict: Verdict =
    warm === undefined || diffed.type === 'error' ? diffed : { ...diffed, reasons: [...diffed.reasons, { rule: 'facts-age', outcome: 'note', message: `${factsAgeText(warm.ageMs)} (kept warm; approving reads the nodes again)` }] };
  const factsAge = warm !== undefined ? { factsAgeMs: warm.ageMs } : input.probe ? { factsAgeMs: 0 } : {};
  const prepared = { facts, nodeFacts, verdict, ...(probedNow === undefined ? {} : { probed: probedNow }), ...factsAge };
  if (verdict.type === 'error') return ok({ ...prepared, plan: undefined, planError: verdict.message });
  if (verdict.revertTo !== undefined) artifacts = undefined;
  artifacts ??= await deps.artifacts.describe(requiredArtifacts(request, verdict.revertTo));
  if (!artifacts.ok) return ok({ ...prepared, plan: undefined, planError: artifacts.error });
  const plan = buildPlan({ verdict, cluster, artifacts: artifacts.value, skipped: selection.skipped, nodeFacts, hash: sha256Hex });
  return ok({ ...prepared, plan: plan.ok ? plan.value : undefined, planError: plan.ok ? undefined : plan.error });
}
