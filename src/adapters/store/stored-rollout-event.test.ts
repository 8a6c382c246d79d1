import { describe, expect, it } from 'vitest';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { StoredJson } from './stored-json.ts';
import { StoredRolloutEvent } from './stored-rollout-event.ts';

const EventBody = StoredJson.pipe(StoredRolloutEvent);
const at = '2025-03-04T10:00:00.000Z';

describe('StoredRolloutEvent', () => {
  it.each<RolloutEvent>([
    { type: 'RolloutStarted', at, planHash: 'a'.repeat(64), nodes: ['node1', 'node2'] },
    { type: 'StepStarted', at, stepId: 'node1/stop', node: 'node1', kind: 'stop', purpose: 'rollout', title: 'stop node1' },
    { type: 'StepSucceeded', at, stepId: 'node1/stop', node: 'node1', kind: 'stop', purpose: 'rollout', durationMs: 1200, detail: 'stopped' },
    { type: 'StepFailed', at, stepId: 'node1/apply', node: 'node1', kind: 'apply', purpose: 'rollout', durationMs: 5, message: 'exit 1', command: 'patching-tool.sh install', exitCode: 1, outputTail: 'boom' },
    { type: 'RestoreFinished', at, node: 'node1', ok: true, message: 'restored', purpose: 'rollback' },
    { type: 'NodeFound', at, node: 'node2', running: true, healthy: false, hasChange: 'unknown', detail: 'no answer' },
    { type: 'RunStopping', at, cause: 'lease-lost', message: 'another bot took over' },
    { type: 'RolloutDone', at, outcome: 'paused', durationMs: 10, summary: ['paused'] },
    { type: 'RolloutDone', at, outcome: 'failed', durationMs: 10, summary: ['Failed on node2. Way back for node1: ', { command: 'fixpack revert dxp-17-7110 on prod' }, '.'] },
    { type: 'RolloutLeft', at, by: 'U0456BOB', summary: ['left as it is'] },
  ])('reads back a $type event as stored', (event) => {
    expect(EventBody.parse(JSON.stringify(event))).toEqual(event);
  });

  it('reads the summary an older bot stored as one string as a text of its words', () => {
    const parsed = EventBody.parse(JSON.stringify({ type: 'RolloutDone', at, outcome: 'failed', durationMs: 10, summary: 'Way back for node1: /liferay fixpack revert dxp-17-7110 on prod.' }));
    expect(parsed).toEqual({ type: 'RolloutDone', at, outcome: 'failed', durationMs: 10, summary: ['Way back for node1: /liferay fixpack revert dxp-17-7110 on prod.'] });
  });

  it.each([
    ['node2/stop', 'stop', 'rollout'],
    ['node2/backup#restore', 'restore', 'restore'],
    ['node2/start#restore', 'start', 'restore'],
    ['node2/something-new', 'connect', 'rollout'],
  ])('upgrades an event of an older bot: step %s is kind %s, purpose %s', (stepId, kind, purpose) => {
    const parsed = EventBody.parse(JSON.stringify({ type: 'StepStarted', at, stepId, node: 'node2', title: 'a step' }));
    expect(parsed).toEqual({ type: 'StepStarted', at, stepId, node: 'node2', title: 'a step', kind, purpose });
  });

  it.each([
    ['of an unknown type', { type: 'Paused', at }],
    ['without a time', { type: 'StepStarted', stepId: 'node1/stop', node: 'node1', title: 'x' }],
    ['with a step kind no plan has', { type: 'StepStarted', at, stepId: 'node1/x', node: 'node1', kind: 'reboot', purpose: 'rollout', title: 'x' }],
    ['a failed step without its output', { type: 'StepFailed', at, stepId: 'node1/stop', node: 'node1', kind: 'stop', purpose: 'rollout', durationMs: 1, message: 'x' }],
    ['a duration that is text', { type: 'NodeDone', at, node: 'node1', durationMs: '12' }],
  ])('refuses an event %s', (_, body) => {
    expect(EventBody.safeParse(JSON.stringify(body)).success).toBe(false);
  });
});
