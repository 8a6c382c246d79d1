import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../../test/builders/a-rollout-plan.ts';
import { rolloutEvents, type RunOptions } from '../../../../test/builders/rollout-events.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { RolloutEvent } from '../../../domain/rollout/rollout-event.ts';
import { initialRolloutState, transition } from '../../../domain/rollout/rollout-state.ts';
import { RolloutThread } from './rollout-thread.ts';
import type { SlackMessage } from './slack-message.ts';
import { slackTime } from './slack-time.ts';
import { eventReply, failureReply, FULL_SHUTDOWN_NOTE, nodeReply, OLD_UI_NOTE, runReply, type NodeReplyInput } from './step-reply.ts';

const plan = aRolloutPlan().build();
const AT = '2025-01-06T10:43:05.000Z';
const content = (m: SlackMessage): string => JSON.stringify(m.blocks);
const has = (m: SlackMessage, text: string): void => expect(content(m)).toContain(JSON.stringify(text).slice(1, -1));
const tail = Array.from({ length: 5000 }, (_, i) => `log ${i + 1}`).join('\n');

describe('nodeReply', () => {
  it.each<[string, NodeReplyInput, readonly string[]]>([
    ['a step running', { node: 'node2', position: { index: 2, of: 3 }, lines: [{ type: 'step', kind: 'stop', purpose: 'rollout', title: 'stop node2 (force after 120 s)', outcome: 'running' }] }, ['🔄 *node2* (node 2 of 3)', '… stopping']],
    ['steps done, without paths, durations escaped', {
      node: 'node2',
      lines: [
        { type: 'step', kind: 'stop', purpose: 'rollout', title: 'stop node2', outcome: 'succeeded', durationMs: 12_000 },
        { type: 'step', kind: 'backup', purpose: 'rollout', title: 'back up /opt/liferay/patching-tool/patches on node2', outcome: 'succeeded', durationMs: 300 },
      ],
      doneMs: 252_000,
    }, ['✅ *node2* is healthy and back in the cluster (4m 12s)', '✓ stopped (12s)', '✓ backup taken (&lt;1s)']],
    ['a failed step names itself', { node: 'node2', lines: [{ type: 'step', kind: 'apply', purpose: 'rollout', title: 'set a<b> in portal-ext.properties', outcome: 'failed', durationMs: 75_000 }] }, ['❌ *node2*: a step failed', '✗ set a&lt;b&gt; in portal-ext.properties failed after 1m 15s (details below)']],
    ['put back after a failure', {
      node: 'node2',
      lines: [
        { type: 'step', kind: 'apply', purpose: 'rollout', title: 'apply', outcome: 'failed', durationMs: 1000 },
        { type: 'restore', purpose: 'restore' },
        { type: 'step', kind: 'restore', purpose: 'restore', title: 'restore', outcome: 'succeeded', durationMs: 2000 },
        { type: 'restore', purpose: 'restore', ok: true, message: 'node2 put back from its backup and healthy' },
      ],
    }, ['↩️ *node2*: put back as it was after a failed step', '✗ apply failed after 1s (details below)', '⏪ putting back the backup taken before the change:', '  ✓ backup put back (2s)', '↩️ put back from its backup and healthy']],
    ['a put-back that failed says it once', { node: 'node2', lines: [{ type: 'restore', purpose: 'rollback' }, { type: 'restore', purpose: 'rollback', ok: false, message: 'node2 could not be put back: start failed' }] }, ['⚠️ *node2*: could not be put back', '⏪ rolling back to the backup taken before the change:', '⚠️ could not be put back: start failed']],
  ])('%s', (_name, input, expected) => {
    const m = nodeReply(input);
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.text.split('\n')).toEqual(expected);
  });
});

describe('runReply', () => {
  const started: Extract<RolloutEvent, { type: 'RolloutStarted' }> = { type: 'RolloutStarted', at: '2025-01-06T10:40:00.000Z', planHash: plan.hash, nodes: plan.nodes };
  it.each<[string, Parameters<typeof runReply>[0], readonly string[]]>([
    ['a rolling start, checks running', { event: started, strategy: 'rolling', found: [], preflight: { passed: 5, running: 'node2', finished: false, durationMs: 5000 } }, [
      `▶️ Rollout started at ${slackTime(started.at, 'seconds')} on 3 nodes: node1 → node2 → node3 (plan \`${plan.hash.slice(0, 12)}\`)`,
      OLD_UI_NOTE,
      '… Checks before the change: 5 checks passed, now on *node2*',
    ]],
    ['a full shutdown, checks passed', { event: started, strategy: 'full-shutdown', found: [], preflight: { passed: 12, finished: true, durationMs: 800 } }, [FULL_SHUTDOWN_NOTE, '✓ Checks before the change passed (12 checks, &lt;1s)']],
    ['checks failed', { event: started, strategy: 'rolling', found: [], preflight: { passed: 1, failedOn: 'node1', finished: false, durationMs: 800 } }, ['✗ Checks before the change failed on *node1* after 1 check passed (details below)']],
    ['a resume with what the probes found', {
      event: { type: 'RolloutResumed', at: AT, mode: 'resume', by: 'U0APP', nodes: ['node3'], message: 'resuming from node3' },
      strategy: 'rolling',
      found: [{ type: 'NodeFound', at: AT, node: 'node2', running: true, healthy: true, hasChange: 'yes', detail: 'running and healthy; has the change' }],
    }, [`▶️ Resuming from node3 (asked by <@U0APP>) at ${slackTime(AT, 'seconds')}`, '🔍 *node2* now: running and healthy; has the change']],
  ])('%s', (_name, input, expected) => {
    const m = runReply(input);
    expect(validateSlackMessage(m)).toEqual([]);
    for (const line of expected) expect(m.text.split('\n')).toContain(line);
  });
});

describe('failureReply and eventReply', () => {
  it.each<[string, SlackMessage, readonly string[]]>([
    ['a failed command, on lines of its own', failureReply({
      type: 'StepFailed', at: AT, stepId: 'node2/apply', kind: 'apply', purpose: 'rollout', node: 'node2', durationMs: 75_000, message: 'patching-tool exited with 1',
      command: "cd '/opt/liferay/patching-tool' &&\n  ./patching-tool.sh install", exitCode: 1, outputTail: 'Loading product\nERROR: conflicts with hotfix-77',
    }, 'fixpack install dxp-17-7110 on node2'), [
      '❌ *node2*: fixpack install dxp-17-7110 on node2 failed after 1m 15s',
      'patching-tool exited with 1',
      // Escaped for mrkdwn: Slack shows `&&`.
      "*Command* (exit code 1):\n```\ncd '/opt/liferay/patching-tool' &amp;&amp;\n  ./patching-tool.sh install\n```",
      '*Last lines of output*\n```\nLoading product\nERROR: conflicts with hotfix-77\n```',
    ]],
    ['a wait that timed out', failureReply({ type: 'StepFailed', at: AT, stepId: 'node2/wait-healthy', kind: 'wait-healthy', purpose: 'restore', node: 'node2', durationMs: 300_000, message: 'no HTTP 200 within 300 s', outputTail: '' }, 'wait for HTTP 200'), [
      '❌ *node2* (while putting it back): wait for HTTP 200 failed after 5m',
      '*Command:* none (a wait timed out or the connection failed), no exit code',
      '```\n(no output)\n```',
    ]],
    ['a huge output tail keeps its end', failureReply({ type: 'StepFailed', at: AT, stepId: 'node1/apply', kind: 'apply', purpose: 'rollout', node: 'node1', durationMs: 1, message: 'x', command: 'c', exitCode: 2, outputTail: tail }, 'apply'), ['log 5000', 'earlier lines cut']],
    ['a pause', eventReply({ type: 'RunStopping', at: AT, cause: 'pause', by: 'U0APP', message: 'paused: it stops after the node in progress is back up' }), ['⏸️ Paused: it stops after the node in progress is back up (asked by <@U0APP>)']],
    ['an interruption', eventReply({ type: 'RolloutInterrupted', at: AT, summary: ['node2 was starting'] }), ['⚠️ The bot restarted while this rollout ran: node2 was starting']],
    ['leave as is', eventReply({ type: 'RolloutLeft', at: AT, by: 'U0APP', summary: ['node1 has the change'] }), ['🏳️ Left as it is by <@U0APP>: node1 has the change']],
  ])('%s', (_name, m, expected) => {
    expect(validateSlackMessage(m)).toEqual([]);
    for (const text of expected) has(m, text);
  });
});

describe('RolloutThread', () => {
  const threadOf = (p: typeof plan, options: RunOptions = {}): string[] => {
    const thread = new RolloutThread({ plan: p, requestedBy: 'U0REQ', approvedBy: 'U0APP', wayBack: undefined });
    let state = initialRolloutState(p.nodes);
    for (const event of rolloutEvents(p, options)) {
      state = transition(state, event);
      thread.apply(event, state);
    }
    for (const entry of thread.entries) expect(validateSlackMessage(entry.render())).toEqual([]);
    return thread.entries.map((e) => `${e.key}${e.summary ? ' (broadcast)' : ''}`);
  };

  it.each<[string, typeof plan, RunOptions, readonly string[]]>([
    ['a 3-node success: nodes + 2', plan, {}, ['run:1', 'node:node1:1', 'node:node2:1', 'node:node3:1', 'summary:1 (broadcast)']],
    ['a 3-node full shutdown: nodes + 2', aRolloutPlan().fullShutdown().build(), {}, ['run:1', 'node:node1:1', 'node:node2:1', 'node:node3:1', 'summary:1 (broadcast)']],
    ['a failure on node2, put back', plan, { failAt: 'node2/apply', restore: 'ok' }, ['run:1', 'node:node1:1', 'node:node2:1', 'failure:1', 'summary:1 (broadcast)']],
    ['a failed check before the change', plan, { failAt: 'node2/probe' }, ['run:1', 'failure:1', 'summary:1 (broadcast)']],
  ])('%s', (_name, p, options, keys) => {
    expect(threadOf(p, options)).toEqual(keys);
  });

  it('puts what a look at a node found while putting it back on that node\'s reply, and names a failed restore step by its title', () => {
    const events = rolloutEvents(plan, { failAt: 'node2/apply' });
    const at = events.findIndex((e) => e.type === 'StepFailed');
    const restore = [
      { type: 'RestoreStarted', at: AT, node: 'node2' },
      { type: 'NodeFound', at: AT, node: 'node2', running: false, healthy: false, hasChange: 'no', detail: 'stopped; does not have the change' },
      { type: 'StepStarted', at: AT, stepId: 'node2/restore#restore', node: 'node2', kind: 'restore', purpose: 'restore', title: 'put back patching-tool/patches on node2 from its backup' },
      { type: 'StepFailed', at: AT, stepId: 'node2/restore#restore', node: 'node2', kind: 'restore', purpose: 'restore', durationMs: 300, message: 'Patching Tool (restore) failed on node2 (exit 1)', command: './patching-tool.sh revert', exitCode: 1, outputTail: 'ERROR' },
    ] as const satisfies readonly RolloutEvent[];
    const thread = new RolloutThread({ plan, requestedBy: 'U0REQ', approvedBy: 'U0APP', wayBack: undefined });
    let state = initialRolloutState(plan.nodes);
    for (const event of [...events.slice(0, at + 1), ...restore]) {
      state = transition(state, event);
      thread.apply(event, state);
    }
    const text = (key: string): string => thread.entries.find((e) => e.key === key)?.render().text ?? '';
    expect(text('node:node2:1')).toContain('🔍 now: stopped; does not have the change');
    expect(text('run:1')).not.toContain('🔍');
    expect(text('failure:2')).toContain('❌ *node2* (while putting it back): put back patching-tool/patches on node2 from its backup failed after');
  });

  it('posts at most nodes + 4 messages for a 50-node success', () => {
    const big = aRolloutPlan().withNodes(50).build();
    expect(threadOf(big).length).toBeLessThanOrEqual(54);
  });
});
