import { parseAcceptedView, type AcceptedView } from '../../domain/liferay/accepted-view.ts';
import { clusterGate, latestViews, type ObservedView } from '../../domain/liferay/cluster-gate.ts';
import type { StepAction } from '../../domain/plan/rollout-step.ts';
import type { NodeContext, StepDeps } from '../node-context.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { followLog } from './follow-log.ts';

const describeViews = (views: ReadonlyMap<string, AcceptedView>): string =>
  [...views.entries()].map(([channel, v]) => `${channel}: ${v.memberCount} [${v.members.join(', ')}]`).join('; ');

/** What the wait-cluster step of a plan asks for. */
export type ClusterWait = Omit<Extract<StepAction, { kind: 'wait-cluster' }>, 'kind'>;

/**
 * Waits until the node's own log, since this start, shows it back in a cluster of at least
 * `members`: the latest view of the control and the transport channel (LIFERAY.md §4; one view
 * when the log names no channels) lists this node and has that many members, and no newer view
 * changed that within `settleSeconds` (see clusterGate), all within `timeoutSeconds`. The node is
 * found by its `memberName`.
 */
export async function waitCluster(ctx: NodeContext, deps: Pick<StepDeps, 'clock'>, { members, timeoutSeconds, settleSeconds }: ClusterWait): Promise<StepOutcome> {
  const settleMs = settleSeconds * 1000;
  const log = ctx.liferayLog;
  if (log === undefined) return failed(`no Liferay log position was recorded for ${ctx.spec.name} before it started`);
  const expected = { members, memberName: ctx.spec.memberName };
  const observed: ObservedView[] = [];
  const gate = (): ReturnType<typeof clusterGate> => clusterGate(observed, expected, deps.clock.now().getTime(), settleMs);
  // Aborted when the gate passes at the end of a settle window with no newer line to notice it.
  const settled = new AbortController();
  // One settle check at a time: a newer view only keeps or moves the window's end later, so it replaces the pending check.
  let pending: AbortController | undefined;
  const checkAt = (untilMs: number): void => {
    pending?.abort();
    const check = new AbortController();
    pending = check;
    void deps.clock.sleep(Math.max(0, untilMs - deps.clock.now().getTime()), check.signal).then(() => {
      if (!check.signal.aborted && gate().state === 'passed') settled.abort();
    });
  };
  let lastLines = '';
  try {
    const result = await followLog(
      ctx,
      log.path,
      log.offset,
      timeoutSeconds * 1000,
      (line) => {
        const view = parseAcceptedView(line);
        if (view === undefined) return false;
        observed.push({ view, atMs: deps.clock.now().getTime() });
        const now = gate();
        if (now.state === 'settling') checkAt(now.untilMs);
        return now.state === 'passed';
      },
      undefined,
      settled.signal,
    );
    if (!result.ok) lastLines = result.lastLines;
  } finally {
    pending?.abort();
  }
  const final = gate();
  if (final.state === 'passed') return succeeded(`cluster view ${describeViews(final.views)}`);
  const seen = describeViews(latestViews(observed));
  const why = final.state === 'waiting' ? final.reason : `the view held for less than ${settleSeconds} s`;
  return failed(
    `${ctx.spec.name} did not see a settled cluster of at least ${members} including itself (${expected.memberName}) within ${timeoutSeconds} s: ${why}${seen === '' ? '' : ` (last views: ${seen})`}`,
    lastLines,
    { command: `tail -F ${log.path}` },
  );
}
