import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../../test/builders/a-rollout-plan.ts';
import { rolloutEvents } from '../../../../test/builders/rollout-events.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { RolloutEvent } from '../../../domain/rollout/rollout-event.ts';
import type { SlackMessage } from './slack-message.ts';
import { FULL_SHUTDOWN_NOTE, OLD_UI_NOTE, stepReply } from './step-reply.ts';

const plan = aRolloutPlan().build();
const AT = '2025-01-06T10:43:05.000Z';
const content = (m: SlackMessage): string => JSON.stringify(m.blocks);
const has = (m: SlackMessage, text: string): void => expect(content(m)).toContain(JSON.stringify(text).slice(1, -1));
const tail = Array.from({ length: 5000 }, (_, i) => `log ${i + 1}`).join('\n');

describe('stepReply', () => {
  const cases: ReadonlyArray<[string, RolloutEvent, readonly string[]]> = [
    ['RolloutStarted', { type: 'RolloutStarted', at: '2025-01-06T10:40:00.000Z', planHash: plan.hash, nodes: plan.nodes }, [
      `▶️ Rollout started at 10:40:00 UTC on 3 nodes: node1 → node2 → node3 (plan \`${plan.hash.slice(0, 12)}\`)`,
      OLD_UI_NOTE,
    ]],
    ['StepStarted', { type: 'StepStarted', at: AT, stepId: 'node2/stop', kind: 'stop', purpose: 'rollout', node: 'node2', title: 'stop node2 (force after 120 s)' }, ['▶️ *node2*: stop node2 (force after 120 s)']],
    ['StepSucceeded', { type: 'StepSucceeded', at: AT, stepId: 'node2/stop', kind: 'stop', purpose: 'rollout', node: 'node2', durationMs: 12_000 }, ['✔️ *node2*: stop node2 (force after 120 s) (12s)']],
    ['StepSucceeded with detail', { type: 'StepSucceeded', at: AT, stepId: 'node2/probe', kind: 'probe', purpose: 'rollout', node: 'node2', durationMs: 800, detail: 'patches: dxp-16-7110\njava 1.8' }, [
      "✔️ *node2*: read node2's installed patches and Java, compare with what the verdict assumed (<1s)",
      '> patches: dxp-16-7110 java 1.8',
    ]],
    ['StepSucceeded of a step not in the plan', { type: 'StepSucceeded', at: AT, stepId: 'node9/odd', kind: 'verify', purpose: 'rollout', node: 'node9', durationMs: 1000 }, ['✔️ *node9*: node9/odd (1s)']],
    ['StepFailed', {
      type: 'StepFailed', at: AT, stepId: 'node2/apply', kind: 'apply', purpose: 'rollout', node: 'node2', durationMs: 75_000, message: 'patching-tool exited with 1',
      command: "'/opt/liferay/patching-tool/patching-tool.sh' install", exitCode: 1, outputTail: 'Loading product\nERROR: conflicts with hotfix-77',
    }, [
      '❌ *node2*: fixpack install dxp-17-7110 on node2 failed after 1m 15s',
      'patching-tool exited with 1',
      "Command: `'/opt/liferay/patching-tool/patching-tool.sh' install` · exit code 1",
      '```\nLoading product\nERROR: conflicts with hotfix-77\n```',
    ]],
    ['StepFailed of a wait', { type: 'StepFailed', at: AT, stepId: 'node2/wait-healthy', kind: 'wait-healthy', purpose: 'rollout', node: 'node2', durationMs: 300_000, message: 'no HTTP 200 within 300 s', outputTail: '' }, [
      'Command: none (a wait timed out or the connection failed) · exit code none',
      '```\n(no output)\n```',
    ]],
    ['NodeDone', { type: 'NodeDone', at: AT, node: 'node1', durationMs: 252_000 }, ['✅ *node1* is healthy and back in the cluster (4m 12s)']],
    ['RestoreStarted', { type: 'RestoreStarted', at: AT, node: 'node2' }, ['⏪ *node2*: putting back the backup taken before the change']],
    ['RestoreFinished ok', { type: 'RestoreFinished', at: AT, node: 'node2', ok: true, message: 'backup restored, node healthy' }, ['↩️ *node2*: backup restored, node healthy']],
    ['RestoreFinished failed', { type: 'RestoreFinished', at: AT, node: 'node2', ok: false, message: 'backup missing' }, ['⚠️ *node2*: backup missing']],
    ['RolloutDone succeeded', { type: 'RolloutDone', at: AT, outcome: 'succeeded', durationMs: 843_000, summary: ['3 nodes updated'] }, ['🏁 Rollout succeeded after 14m 3s: 3 nodes updated']],
    ['RolloutDone failed', { type: 'RolloutDone', at: AT, outcome: 'failed', durationMs: 60_000, summary: ['failed on node2'] }, ['⛔ Rollout stopped after 1m: failed on node2']],
    ['RolloutInterrupted', { type: 'RolloutInterrupted', at: AT, summary: ['node2 was starting'] }, ['⚠️ The bot restarted while this rollout ran: node2 was starting']],
  ];

  it.each(cases)('%s', (_name, event, expected) => {
    const m = stepReply(event, { plan });
    expect(validateSlackMessage(m)).toEqual([]);
    for (const text of expected) has(m, text);
  });

  it('notes once, at the start, that a full shutdown takes the site down', () => {
    const full = aRolloutPlan().fullShutdown().build();
    const replies = rolloutEvents(full).map((e) => stepReply(e, { plan: full }));
    expect(replies.filter((m) => content(m).includes(FULL_SHUTDOWN_NOTE))).toHaveLength(1);
    expect(replies.filter((m) => content(m).includes(OLD_UI_NOTE))).toHaveLength(0);
  });

  it('notes the old UI exactly once over a whole rolling run', () => {
    const replies = rolloutEvents(plan).map((e) => stepReply(e, { plan }));
    expect(replies.filter((m) => content(m).includes(OLD_UI_NOTE))).toHaveLength(1);
  });

  it('keeps every reply of a failing 100-node run valid and short', () => {
    const big = aRolloutPlan().withNodes(100).withHooks().build();
    for (const event of rolloutEvents(big, { failAt: 'node40/apply', command: 'x'.repeat(10_000), exitCode: 2, outputTail: tail, restore: 'failed' })) {
      const m = stepReply(event, { plan: big });
      expect(validateSlackMessage(m)).toEqual([]);
      expect(m.blocks.length).toBeLessThanOrEqual(2);
    }
  });

  it('keeps the end of a 5000-line output tail', () => {
    const m = stepReply({ type: 'StepFailed', at: AT, stepId: 'node1/apply', kind: 'apply', purpose: 'rollout', node: 'node1', durationMs: 1, message: 'm', command: 'c', exitCode: 3, outputTail: tail }, { plan });
    expect(validateSlackMessage(m)).toEqual([]);
    has(m, 'log 5000\n```');
    has(m, 'earlier lines cut');
  });
});
