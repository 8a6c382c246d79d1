import { parseAcceptedView, type AcceptedView } from '../../domain/liferay/accepted-view.ts';
import type { NodeContext } from '../node-context.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';
import { followLog } from './follow-log.ts';

/**
 * Waits until the node's own log shows it accepted a view with the expected member count: on both
 * the control and the transport channel when the log names channels (LIFERAY.md §4), else on one.
 */
export async function waitCluster(ctx: NodeContext, members: number, timeoutSeconds: number): Promise<StepOutcome> {
  const log = ctx.liferayLog;
  if (log === undefined) return failed(`no Liferay log position was recorded for ${ctx.spec.name} before it started`);
  const latest = new Map<string, AcceptedView>();
  const complete = (): boolean => {
    const views = [...latest.values()];
    const named = views.filter((v) => v.channel !== undefined);
    if (named.length > 0) {
      const control = latest.get('control');
      const transport = [...latest.entries()].find(([k]) => k.startsWith('transport'))?.[1];
      return control !== undefined && transport !== undefined && control.memberCount >= members && transport.memberCount >= members;
    }
    return views.some((v) => v.memberCount >= members);
  };
  const result = await followLog(ctx, log.path, log.offset, timeoutSeconds * 1000, (line) => {
    const view = parseAcceptedView(line);
    if (view === undefined) return false;
    latest.set(view.channel ?? 'default', view);
    return complete();
  });
  const seen = [...latest.entries()].map(([channel, v]) => `${channel}: ${v.memberCount} [${v.members.join(', ')}]`).join('; ');
  if (result.found) return succeeded(`cluster view ${seen}`);
  return failed(
    `${ctx.spec.name} did not see a cluster of ${members} within ${timeoutSeconds} s (${seen === '' ? 'no view accepted since it started' : `last views: ${seen}`})`,
    result.lastLines,
    { command: `tail -F ${log.path}` },
  );
}
