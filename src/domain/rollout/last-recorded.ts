import type { RolloutEvent } from './rollout-event.ts';
import { joinText, text, time, type RichText } from '../text/rich-text.ts';

const clock = (at: string) => time(at, 'seconds');

/** The last step the stored events show, in words: where the dead run was. */
export function lastStep(events: readonly RolloutEvent[]): RichText {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const e = events[i];
    if (e !== undefined && (e.type === 'StepStarted' || e.type === 'StepSucceeded' || e.type === 'StepFailed')) {
      const state = e.type === 'StepStarted' ? 'during' : e.type === 'StepSucceeded' ? 'after' : 'after the failure of';
      return text`${state} ${e.node}'s ${e.kind} step (${clock(e.at)})`;
    }
  }
  return text`before its first step`;
}

/**
 * What the stored events recorded last, from the last node that finished on: the posts a dead bot
 * had queued may never have reached the thread, so the account is given again (at least once).
 */
export function lastRecorded(events: readonly RolloutEvent[], max = 6): RichText {
  const from = Math.max(0, events.findLastIndex((e) => e.type === 'NodeDone'));
  const titles = new Map<string, string>();
  const lines: RichText[] = [];
  for (const e of events.slice(from)) {
    if (e.type === 'StepStarted') titles.set(e.stepId, e.title);
    if (e.type === 'NodeDone') lines.push(text`${e.node} healthy and back in the cluster (${clock(e.at)})`);
    else if (e.type === 'StepSucceeded') lines.push(text`${e.node}: ${titles.get(e.stepId) ?? e.kind} done (${clock(e.at)})`);
    else if (e.type === 'StepFailed') lines.push(text`${e.node}: ${titles.get(e.stepId) ?? e.kind} FAILED (${clock(e.at)})`);
  }
  const last = events.at(-1);
  if (last?.type === 'StepStarted') lines.push(text`${last.node}: ${last.title} (started ${clock(last.at)}, no result recorded)`);
  return joinText(lines.slice(-max), '; ');
}

