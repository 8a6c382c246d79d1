import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../../../test/builders/a-rollout-plan.ts';
import { rolloutState, type RunOptions } from '../../../../test/builders/rollout-events.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { NodeState } from '../../../domain/rollout/rollout-state.ts';
import type { SlackMessage } from './slack-message.ts';
import { nodeLine, statusBoard } from './status-board.ts';
import { slackTime } from './slack-time.ts';

/** 10:43:05 UTC as Slack's date token (each reader sees their own time zone). */
const AT = slackTime('2025-01-06T10:43:05.000Z', 'seconds');

const plan = aRolloutPlan().build();
const content = (m: SlackMessage): string => JSON.stringify(m.blocks);
const has = (m: SlackMessage, text: string): void => expect(content(m)).toContain(JSON.stringify(text).slice(1, -1));
const board = (state = rolloutState(plan), p = plan): SlackMessage => statusBoard({ plan: p, state, requestedBy: 'U1', approvedBy: 'U2', requestId: 'req-42' });
const nodeState = (status: NodeState['status'], extra: Partial<NodeState> = {}): NodeState => ({ status, since: '2025-01-06T10:43:05.000Z', step: undefined, durationMs: undefined, touched: false, changed: false, done: false, ...extra });
const lines = (n: number): string => Array.from({ length: n }, (_, i) => `catalina.out line ${i + 1}`).join('\n');

describe('nodeLine', () => {
  it.each([
    ['no state', undefined, 'node1 ⏳ waiting'],
    ['waiting', nodeState('waiting', { since: '' }), 'node1 ⏳ waiting'],
    ['healthy with its duration', nodeState('healthy', { durationMs: 252_000 }), 'node1 ✅ healthy (4m 12s)'],
    ['healthy without duration', nodeState('healthy'), `node1 ✅ healthy since ${AT}`],
    ['verified', nodeState('verified', { durationMs: 61_000 }), 'node1 ✅ verified (1m 1s)'],
    ['starting', nodeState('starting', { step: 'wait for HTTP 200' }), `node1 🔄 starting: wait for HTTP 200… since ${AT}`],
    ['stopping without a step', nodeState('stopping'), `node1 🔄 stopping since ${AT}`],
    ['checking', nodeState('checking', { step: 'read patches' }), `node1 🔍 checking: read patches… since ${AT}`],
    ['ready', nodeState('ready'), `node1 ☑️ ready (checks passed) since ${AT}`],
    ['failed', nodeState('failed', { step: 'wait for HTTP 200' }), `node1 ❌ failed: wait for HTTP 200 at ${AT}`],
    ['restoring', nodeState('restoring', { step: 'restoring from backup' }), `node1 ⏪ restoring: restoring from backup… since ${AT}`],
    ['restored', nodeState('restored', { step: 'backup restored, node healthy' }), `node1 ↩️ restored: backup restored, node healthy at ${AT}`],
    ['a step with markup', nodeState('updating', { step: 'set <x> & y' }), `node1 🔄 updating: set &lt;x&gt; &amp; y… since ${AT}`],
  ])('%s', (_name, state, line) => {
    expect(nodeLine('node1', state)).toBe(line);
  });

  it('cuts a very long step title', () => {
    expect(nodeLine('node1', nodeState('updating', { step: 'x'.repeat(5000) })).length).toBeLessThanOrEqual(300);
  });
});

describe('statusBoard', () => {
  it.each([
    ['approved, not started', rolloutState(plan, { stopAfterSteps: 0 }), '🔄 *Rolling restart running*: 0 of 3 nodes done'],
    ['running on node2', rolloutState(plan, { stopAfterSteps: 23 }), `🔄 *Rolling restart running*: node2 (node 2 of 3) · started ${slackTime('2025-01-06T10:40:00.000Z', 'seconds')}`],
    ['done', rolloutState(plan), '✅ *Done*: all 3 nodes updated in '],
    ['failed', rolloutState(plan, { failAt: 'node2/wait-healthy' }), '⛔ *Stopped*: a step failed on node2. Nothing more runs until someone decides below'],
    ['interrupted', rolloutState(plan, { failAt: 'node2/wait-healthy', interrupted: true }), '⚠️ *Held after a restart*. Nothing more runs until someone decides below'],
  ])('%s', (_name, state, overall) => {
    const m = board(state);
    expect(validateSlackMessage(m)).toEqual([]);
    has(m, overall);
    has(m, 'requested by <@U1> · approved by <@U2>');
  });

  it('shows a pending rollout', () => {
    const m = board({ ...rolloutState(plan, { stopAfterSteps: 0 }), status: 'pending', startedAt: undefined });
    has(m, '⏳ *Approved*: the rolling restart starts in a moment');
  });

  it('shows one line per node while running', () => {
    const m = board(rolloutState(plan, { stopAfterSteps: 23 }));
    has(m, 'node1 ✅ healthy (');
    has(m, `node2 🔄 starting: start node2… since ${slackTime('2025-01-06T10:47:30.000Z', 'seconds')}`);
    has(m, 'node3 ☑️ ready (checks passed)');
    expect(m.text).toBe('prod: fixpack install dxp-17-7110 — running: node2 (node 2 of 3)');
    // The verdict message it replaces keeps its header.
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: '🔧 Fix pack dxp-17-7110 → prod' } });
  });

  it('names node, step, the command on its own lines, exit code and output tail on failure, what was done afterwards, where things stand and the way back', () => {
    const state = rolloutState(plan, { failAt: 'node2/wait-healthy', command: 'curl -fsS http://10.0.0.12:8080/c/portal/layout', exitCode: 22, outputTail: 'starting\ncurl: (22) 503', restore: 'ok' });
    const m = board(state);
    expect(validateSlackMessage(m)).toEqual([]);
    has(m, '❌ *Failed on node2*: wait for HTTP 200 from http://10.0.0.12:8080/c/portal/layout');
    has(m, '*Error:* wait for HTTP 200 from http://10.0.0.12:8080/c/portal/layout failed');
    has(m, '*Command* (exit code 22):\n```\ncurl -fsS http://10.0.0.12:8080/c/portal/layout\n```');
    // The put-back is what was done afterwards, not the failure.
    has(m, '*Afterwards:* backup restored, node healthy');
    has(m, '```\nstarting\ncurl: (22) 503\n```');
    has(m, '*Where things stand:* node1 updated and healthy; node2 put back as it was and healthy; node3 untouched');
    has(m, 'To go back on node1: ask for `/liferay fixpack revert dxp-17-7110 on prod`');
    has(m, 'To finish instead: fix the cause on node2, then ask again with `/liferay fixpack install dxp-17-7110 on prod`');
    has(m, 'node2 ↩️ restored: backup restored, node healthy');
  });

  it.each([
    ['a wait that timed out', {}, '*Command:* none (a wait timed out or the connection failed), no exit code', ''],
    ['a failed restore', { restore: 'failed' as const }, 'node2 has the change but is NOT healthy: check it', 'node2 ❌ failed: backup missing'],
    ['a change without a plain inverse', {}, 'restore the backup each of them got before the change', ''],
  ])('on %s', (name, options, a, b) => {
    const p = name.includes('inverse') ? aRolloutPlan().forRequest('property set a.b=c on prod').build() : plan;
    const m = board(rolloutState(p, { failAt: 'node2/wait-healthy', ...options }), p);
    has(m, a);
    if (b !== '') has(m, b);
  });

  it('says a failed put-back once, under the node\'s name, and shows the step that failed as the failure', () => {
    const failed = rolloutState(plan, { failAt: 'node2/apply', command: 'patching-tool.sh install', exitCode: 1 });
    const state = {
      ...failed,
      nodes: { ...failed.nodes, node2: nodeState('failed', { step: 'node2 could not be put back: start node2 failed', touched: true }) },
    };
    const m = board(state);
    has(m, `node2 ❌ failed: could not be put back: start node2 failed at ${AT}`);
    has(m, '❌ *Failed on node2*: fixpack install dxp-17-7110 on node2');
    has(m, '*Afterwards:* could not be put back: start node2 failed');
    expect(content(m)).not.toContain('node2 could not be put back');
  });

  it('keeps every control button within 30 characters', () => {
    const long = aRolloutPlan().withNodes(3).build();
    const state = rolloutState(long, { failAt: 'node2/apply' });
    const named = { ...state, failure: state.failure === undefined ? undefined : { ...state.failure, node: 'liferay-production-node-02.example.com' } };
    const texts = board(named).blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e.type === 'button' ? e.text.text : '')) : []));
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(30);
  });

  it('uses the way back given by the caller', () => {
    const m = statusBoard({ plan, state: rolloutState(plan, { failAt: 'node1/stop' }), requestedBy: 'U1', approvedBy: 'U2', wayBack: ['call <@U3> & the DBA'] });
    has(m, '*Way back:* call &lt;@U3&gt; &amp; the DBA');
  });

  it('says there is nothing to undo when the first node failed', () => {
    const m = board(rolloutState(plan, { failAt: 'node1/stop', restore: 'ok' }));
    has(m, '*Where things stand:* node1 put back as it was and healthy; node2, node3 untouched');
    has(m, 'No node was changed for good, so there is nothing to undo.');
  });

  it.each<[string, RolloutPlan, RunOptions]>([
    ['a 100-node rollout with a 5000-line tail', aRolloutPlan().withNodes(100).withHooks().build(), { failAt: 'node57/apply', command: `sh -c '${'x'.repeat(5000)}'`, exitCode: 1, outputTail: lines(5000), restore: 'ok' }],
    ['a 100-node full shutdown, running', aRolloutPlan().withNodes(100).fullShutdown().build(), { stopAfterSteps: 450 }],
    ['a 30-node rollout, done', aRolloutPlan().withNodes(30).build(), {}],
    ['a tail of one huge line', plan, { failAt: 'node1/apply', outputTail: 'y'.repeat(100_000) }],
  ])('stays within Slack limits: %s', (_name, p, options) => {
    const m = board(rolloutState(p, options), p);
    expect(validateSlackMessage(m)).toEqual([]);
    if (options.outputTail !== undefined) expect(content(m)).toContain(JSON.stringify(options.outputTail.slice(-20)).slice(1, -1));
    if (options.outputTail === lines(5000)) has(m, 'earlier lines cut');
  });
});
