import { canonicalJson } from '../plan/canonical-json.ts';
import type { Question, Reason, Verdict, VerdictKind } from './verdict.ts';

/** The verdict for some of a cluster's nodes (those that share the same starting facts). */
export interface NodesVerdict {
  readonly nodes: readonly string[];
  readonly verdict: Verdict;
}

/** The rule whose note (how to do it with the cluster down) is about the whole cluster, never some nodes. */
const FULL_SHUTDOWN_RULE = 'full-shutdown';

/**
 * One verdict from the verdicts of groups of nodes (same request, different starting facts): any
 * error is the error, naming the nodes it is about; else any ineligible group makes it ineligible;
 * else any question asks for confirmation. A reason or error not shared by every node is prefixed
 * with the nodes it is about (`node1: ...`); shared ones appear once, as they are. One group is
 * returned unchanged. Throws on no groups (a bug in the caller).
 */
export function combineVerdicts(groups: readonly NodesVerdict[]): Verdict {
  const [first] = groups;
  if (first === undefined) throw new Error('combineVerdicts: no verdicts to combine');
  if (groups.length === 1) return first.verdict;
  const request = first.verdict.request;
  const everyNode = groups.reduce((n, g) => n + g.nodes.length, 0);
  const about = (nodes: readonly string[], message: string): string => (nodes.length === everyNode ? message : `${nodes.join(', ')}: ${message}`);
  const byKey = <T>(items: readonly { nodes: readonly string[]; item: T; key: string }[]): { item: T; nodes: string[] }[] => {
    const merged = new Map<string, { item: T; nodes: string[] }>();
    for (const { nodes, item, key } of items) {
      const seen = merged.get(key);
      if (seen === undefined) merged.set(key, { item, nodes: [...nodes] });
      else seen.nodes.push(...nodes);
    }
    return [...merged.values()];
  };

  const errors = groups.flatMap((g) => (g.verdict.type === 'error' ? [{ nodes: g.nodes, item: g.verdict, key: g.verdict.message }] : []));
  const firstError = errors[0];
  if (firstError !== undefined) {
    const message = byKey(errors).map(({ item, nodes }) => about(nodes, item.message)).join('; ');
    return { type: 'error', rule: firstError.item.rule, message, request };
  }

  const verdicts = groups.flatMap((g) => (g.verdict.type === 'verdict' ? [{ nodes: g.nodes, verdict: g.verdict }] : []));
  const kinds = new Set<VerdictKind>(verdicts.map((v) => v.verdict.verdict));
  const kind: VerdictKind = kinds.has('ineligible') ? 'ineligible' : kinds.has('needs-confirmation') ? 'needs-confirmation' : 'eligible';
  const all = verdicts.flatMap(({ nodes, verdict }) => verdict.reasons.map((item) => ({ nodes, item, key: canonicalJson(item) })));
  const reasons: Reason[] = byKey(all.filter((r) => r.item.rule !== FULL_SHUTDOWN_RULE)).map(({ item, nodes }) => ({ ...item, message: about(nodes, item.message) }));
  const shutdown = kind === 'ineligible' ? byKey(all.filter((r) => r.item.rule === FULL_SHUTDOWN_RULE)).map(({ item }) => item) : [];
  const questions: Question[] =
    kind === 'needs-confirmation' ? byKey(verdicts.flatMap(({ nodes, verdict }) => verdict.questions.map((item) => ({ nodes, item, key: canonicalJson(item) })))).map(({ item }) => item) : [];
  // A revert goes back to one level only when every group goes back to the same one.
  const targets = new Set(verdicts.map(({ verdict }) => (verdict.revertTo === undefined ? '' : canonicalJson(verdict.revertTo))));
  const revertTo = targets.size === 1 ? verdicts[0]?.verdict.revertTo : undefined;
  return { type: 'verdict', verdict: kind, reasons: [...reasons, ...shutdown], questions, request, ...(revertTo === undefined ? {} : { revertTo }) };
}
