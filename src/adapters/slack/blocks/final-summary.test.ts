import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../../test/builders/a-rollout-plan.ts';
import { rolloutState } from '../../../../test/builders/rollout-events.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { finalSummary } from './final-summary.ts';
import { slackTime } from './slack-time.ts';
import type { SlackMessage } from './slack-message.ts';

const plan = aRolloutPlan().build();
const content = (m: SlackMessage): string => JSON.stringify(m.blocks);
const has = (m: SlackMessage, text: string): void => expect(content(m)).toContain(JSON.stringify(text).slice(1, -1));

describe('finalSummary', () => {
  it('mentions the requester and the approver, the outcome, per-node durations and the total', () => {
    const m = finalSummary({ plan, state: rolloutState(plan), requestedBy: 'U1', approvedBy: 'U2' });
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.text).toBe('<@U1> <@U2> ✅ *fixpack install dxp-17-7110 on prod* is done: 3 of 3 nodes updated in 12m 10s.');
    for (const text of ['• node1: 2m 20s', '• node3: 2m 20s', `*Total:* 12m 10s (${slackTime('2025-01-06T10:40:00.000Z', 'seconds')}–${slackTime('2025-01-06T10:52:10.000Z', 'seconds')})`, 'approved by <@U2>']) has(m, text);
  });

  it.each([
    ['a failed step', { failAt: 'node2/wait-healthy', restore: 'ok' as const, command: 'curl x', exitCode: 22 }, [
      '<@U1> ⛔ *fixpack install dxp-17-7110 on prod* stopped: a step failed on node2. It waits for a decision: resume, retry, roll back or leave it as it is.',
      '• node2: restored',
      '• node3: ready',
      '*Where things stand:* node1 updated and healthy; node2 put back as it was and healthy; node3 untouched',
      'To go back on node1',
    ]],
    ['an interruption', { failAt: 'node1/stop', interrupted: true }, ['<@U1> ⚠️ *fixpack install dxp-17-7110 on prod* was interrupted: the bot restarted. It waits for a decision.', '*Where things stand:*']],
    ['a run still going', { stopAfterSteps: 14 }, ['<@U1> 🔄 *fixpack install dxp-17-7110 on prod* is still running.', '• node2: ready']],
  ])('after %s', (_name, options, expected) => {
    const m = finalSummary({ plan, state: rolloutState(plan, options), requestedBy: 'U1' });
    expect(validateSlackMessage(m)).toEqual([]);
    for (const text of expected) has(m, text);
  });

  it.each([
    ['the bot shutting down', 'shutdown', 'is paused: the bot shut down; it resumes when the bot starts again.'],
    ['a pause someone asked for', 'pause', 'is paused on request. It waits for a decision: resume, roll back or leave it as it is.'],
  ] as const)('after a pause for %s, says whether it waits for people', (_name, stopCause, expected) => {
    const m = finalSummary({ plan, state: { ...rolloutState(plan, { stopAfterSteps: 14 }), status: 'paused', stopCause }, requestedBy: 'U1' });
    expect(m.text).toBe(`<@U1> ⏸️ *fixpack install dxp-17-7110 on prod* ${expected}`);
  });

  it('says "not reached" for nodes the rollout never got to', () => {
    const m = finalSummary({ plan, state: rolloutState(plan, { failAt: 'node1/connect' }), requestedBy: 'U1' });
    has(m, '• node1: failed');
    has(m, '• node3: not reached');
  });

  it('stays within Slack limits for 100 nodes and a 5000-line tail', () => {
    const big = aRolloutPlan().withNodes(100).withHooks().build();
    const outputTail = Array.from({ length: 5000 }, (_, i) => `out ${i}`).join('\n');
    const m = finalSummary({ plan: big, state: rolloutState(big, { failAt: 'node99/apply', outputTail, exitCode: 1, command: 'c' }), requestedBy: 'U1', approvedBy: 'U2' });
    expect(validateSlackMessage(m)).toEqual([]);
    // The failure and its output have a reply of their own and stand on the board: not repeated here.
    expect(content(m)).not.toContain('out 4999');
  });

  it('mentions a self-approving requester once, and escapes a duration under a second', () => {
    const quick = rolloutState(plan, { stepMs: 100 });
    const m = finalSummary({ plan, state: { ...quick, nodes: { ...quick.nodes, node1: { ...(quick.nodes.node1 ?? { status: 'healthy', since: '', step: undefined, touched: true, changed: true, done: true }), durationMs: 400 } } }, requestedBy: 'U1', approvedBy: 'U1' });
    expect(m.text.match(/<@U1>/g)).toHaveLength(1);
    has(m, '• node1: &lt;1s');
  });
});
