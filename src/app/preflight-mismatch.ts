import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { factChanges, factChangeText, type FactChange } from '../domain/liferay/fact-changes.ts';
import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import type { ChangeAction } from '../domain/plan/change-action.ts';
import { changeAltersFact } from '../domain/plan/change-alters-fact.ts';
import type { RolloutPlan } from '../domain/plan/rollout-plan.ts';

/** A node that is not as the verdict assumed: what changed, or that it could not be probed. */
export interface NodeMismatch {
  readonly node: string;
  readonly changes: readonly FactChange[] | 'not probed';
}

export interface MismatchOptions {
  /** The plan's change: what a node in `changedByThisRollout` may show differently. */
  readonly change?: ChangeAction | undefined;
  /** Nodes this very rollout already changed (an apply succeeded on them). */
  readonly changedByThisRollout?: ReadonlySet<string>;
}

/**
 * Each node whose facts now (`probed`) differ from the facts the verdict assumed of it (`expected`)
 * in anything the verdict used: installed patches, Java, product build, release, Commerce, modules
 * (deployed, removed, version or schema version moved), the digests of portal-ext.properties and
 * osgi/configs. A fact either side does not know is not compared. A node not probed is a mismatch;
 * nodes probed but not in `expected` are not judged. In the verdict's node order. Pure.
 *
 * The rule for a rollout that already changed some nodes: such a node (`changedByThisRollout`)
 * legitimately differs in what the change itself changes (`changeAltersFact`: a property change its
 * portal-ext.properties digest, a module update its modules, a patch its patches), so those
 * differences are not counted; any other difference on it is. Every other node is compared on every
 * fact. The runner's preflight only runs while no node of the rollout has been stopped (a run that
 * starts, and a resume, retry or recovery that finds every node untouched), so there the set is
 * empty and every node the verdict judged, skipped ones included, is compared on everything; a run
 * that continues after a node was stopped does not preflight, it finds where each node stands first.
 */
export function nodeMismatches(expected: NodeFacts, probed: ReadonlyMap<string, ClusterFacts>, options: MismatchOptions = {}): NodeMismatch[] {
  const out: NodeMismatch[] = [];
  const { change, changedByThisRollout } = options;
  for (const [node, assumed] of Object.entries(expected)) {
    const found = probed.get(node);
    if (found === undefined) {
      out.push({ node, changes: 'not probed' });
      continue;
    }
    const ours = change !== undefined && changedByThisRollout?.has(node) === true;
    const changes = factChanges(assumed, found).filter((c) => !ours || !changeAltersFact(change, c));
    if (changes.length > 0) out.push({ node, changes });
  }
  return out;
}

/** `node2: portal-ext.properties changed since the verdict; module com.acme.blog 1.0.1 was deployed since the verdict`, `node3: not probed`. */
export function mismatchLine(mismatch: NodeMismatch): string {
  return `${mismatch.node}: ${mismatch.changes === 'not probed' ? 'not probed' : mismatch.changes.map(factChangeText).join('; ')}`;
}

/**
 * The runner's preflight check: one line per node that is not as the verdict assumed
 * (`nodeMismatches`, `mismatchLine`). Empty when every node is as assumed. Pure.
 */
export function preflightMismatch(expected: NodeFacts, probed: ReadonlyMap<string, ClusterFacts>, options: MismatchOptions = {}): string[] {
  return nodeMismatches(expected, probed, options).map(mismatchLine);
}

/**
 * What the verdict assumed of each node of a plan: the plan's own `nodeFacts`, or, for a plan
 * stored before plans carried them, the record's cluster-wide facts for every node the plan names
 * (changed and skipped). For the runner: `preflightMismatch(expectedNodeFacts(plan, input.expectedFacts), probed)`.
 */
export function expectedNodeFacts(plan: RolloutPlan, clusterFacts: ClusterFacts | undefined): NodeFacts {
  const own = (plan as Partial<Pick<RolloutPlan, 'nodeFacts'>>).nodeFacts;
  if (own !== undefined && Object.keys(own).length > 0) return own;
  const nodes = [...new Set(plan.steps.map((s) => s.node))];
  return Object.fromEntries(nodes.map((n) => [n, clusterFacts ?? {}]));
}
