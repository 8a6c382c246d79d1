import type { AcceptedView } from './accepted-view.ts';
import { isNodeMember } from './is-node-member.ts';

/** An accepted view as it arrived in the node's log (arrival time in ms, from the caller's clock). */
export interface ObservedView {
  readonly view: AcceptedView;
  readonly atMs: number;
}

export interface ClusterExpectation {
  /** The member count to wait for: at least this many (see clusterGate). */
  readonly members: number;
  /** This node's name in JGroups views (see isNodeMember). */
  readonly memberName: string;
}

export type ClusterGate =
  | { readonly state: 'passed'; readonly views: ReadonlyMap<string, AcceptedView> }
  /** The condition holds since `sinceMs`; it passes at `untilMs` unless a newer view breaks it. */
  | { readonly state: 'settling'; readonly sinceMs: number; readonly untilMs: number }
  | { readonly state: 'waiting'; readonly reason: string };

const channelOf = (view: AcceptedView): string => view.channel ?? 'default';

/** The latest view per channel (arrival order), in order of first appearance. */
export function latestViews(observed: readonly ObservedView[]): Map<string, AcceptedView> {
  const latest = new Map<string, AcceptedView>();
  for (const { view } of observed) latest.set(channelOf(view), view);
  return latest;
}

/** Why the latest views do not show this node in a cluster of the expected size, or undefined when they do. */
function problemOf(latest: ReadonlyMap<string, AcceptedView>, expected: ClusterExpectation): string | undefined {
  if (latest.size === 0) return 'no view accepted since it started';
  const named = [...latest.keys()].filter((c) => c !== 'default');
  // When the log names channels, Liferay's control and transport channels must both agree (LIFERAY.md §4).
  const required = named.length > 0 ? ['control', ...named.filter((c) => c.startsWith('transport'))] : ['default'];
  if (required.length === 1 && named.length > 0) return 'no view on a transport channel yet';
  for (const channel of required) {
    const view = latest.get(channel);
    if (view === undefined) return `no view on the ${channel} channel yet`;
    if (!view.members.some((m) => isNodeMember(m, expected.memberName))) {
      return `${channel}: ${expected.memberName} is not a member of [${view.members.join(', ')}]`;
    }
    if (view.memberCount < expected.members) {
      return `${channel}: ${view.memberCount} member${view.memberCount === 1 ? '' : 's'}, expected at least ${expected.members}`;
    }
  }
  return undefined;
}

/**
 * How long a node's view must hold, by default, before it counts as back in its cluster (the
 * inventory's `health.clusterSettleSeconds`): long enough to see a stale view replaced or a quick
 * flap, short next to a start.
 */
export const DEFAULT_CLUSTER_SETTLE_SECONDS = 1;

/**
 * Whether a node's log shows it back in its cluster: the LATEST view of each channel (control and
 * every transport channel when the log names channels, else the one unnamed channel) lists this
 * node and has at least the expected member count, and that has held for `settleMs` (no newer
 * view broke it in that window). At least, not exactly: the inventory allows
 * `expectClusterMembers` below the number of nodes (wait for N of them), and a bigger view still
 * holds every member waited for. What made the old gate pass wrongly (a stale view replaced a
 * moment later, a view without this node) is ruled out by "latest", "lists this node" and the
 * settle window, not by the count.
 * A view line that lists only part of its members (a shortened list) passes only if it lists this node.
 */
export function clusterGate(observed: readonly ObservedView[], expected: ClusterExpectation, nowMs: number, settleMs: number): ClusterGate {
  const latest = new Map<string, AcceptedView>();
  let sinceMs: number | undefined;
  for (const { view, atMs } of observed) {
    latest.set(channelOf(view), view);
    if (problemOf(latest, expected) !== undefined) sinceMs = undefined;
    else sinceMs ??= atMs;
  }
  if (sinceMs === undefined) return { state: 'waiting', reason: problemOf(latest, expected) ?? 'no view accepted since it started' };
  if (nowMs - sinceMs >= settleMs) return { state: 'passed', views: latest };
  return { state: 'settling', sinceMs, untilMs: sinceMs + settleMs };
}
