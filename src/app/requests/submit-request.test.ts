import { describe, expect, it } from 'vitest';
import { aClusterRuntime, aServiceDeps } from '../../../test/builders/service-deps.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { RecordingNodeExecutor } from '../../../test/fakes/recording-node-executor.ts';
import { slackText } from '../../adapters/slack/render-text.ts';
import { submitRequest } from './submit-request.ts';

describe('submitRequest: help comes only from the parse', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   \u00a0\t', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['  HELP ', { kind: 'help' }],
  ])('%j -> help, nothing stored', async (text, expected) => {
    const store = new InMemoryRolloutStore();
    const deps = aServiceDeps({ store, clusters: new Map([['prod', aClusterRuntime()]]) });
    expect(await submitRequest({ text, userId: 'U1', channelId: 'C0123OPS' }, deps)).toEqual(expected);
    expect(store.list({})).toEqual([]);
  });

  it('refuses words after help, with the usage', async () => {
    const deps = aServiceDeps({ clusters: new Map([['prod', aClusterRuntime()]]) });
    expect(await submitRequest({ text: 'help me', userId: 'U1', channelId: 'C0123OPS' }, deps)).toEqual({ kind: 'error', message: ['unexpected "me" after help'], withUsage: true });
  });
});

describe('submitRequest on a cluster a rollout holds: that rollout is the answer, the nodes are not probed', () => {
  it.each<[string, 'approved' | 'running' | 'paused' | 'failed' | 'interrupted', RegExp]>([
    ['running', 'running', /^prod is busy: `property set index.read.only=false on prod` \(approved by <@U0456BOB>\) is running \(rollout r-held\)\. See it with \/liferay status prod\. One rollout per cluster at a time: ask again when it has finished$/],
    ['approved, not started yet', 'approved', /is starting \(rollout r-held\)\. See it with \/liferay status prod/],
    ['paused', 'paused', /is paused and waits for a decision: resume, retry, roll back or leave it as it is \(rollout r-held\)\. See it with \/liferay status prod/],
    ['failed (held)', 'failed', /is failed and waits for a decision.*See it with \/liferay status prod/],
    ['held after a restart', 'interrupted', /is interrupted and waits for a decision/],
  ])('%s', async (_name, status, expected) => {
    const store = new InMemoryRolloutStore();
    const executor = new RecordingNodeExecutor();
    const deps = aServiceDeps({ store, executor });
    store.create(aRolloutRecord().withId('r-held').withStatus('awaiting-approval').decided('U0456BOB', '2025-03-04T09:00:00.000Z').build());
    const held = store.claim('r-held', ['awaiting-approval'], { status }, { owner: 'bot:x', until: Date.now() + 60_000, now: Date.now() });
    expect(held.ok).toBe(true);
    const outcome = await submitRequest({ text: 'property set a.b=c on prod', userId: 'U1', channelId: 'C0123OPS' }, deps);
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' ? slackText(outcome.message) : '').toMatch(expected);
    expect(executor.connects).toEqual([]);
    expect(store.list({}).map((r) => r.id)).toEqual(['r-held']);
  });

  it('a finished rollout holds nothing: the request is evaluated', async () => {
    const store = new InMemoryRolloutStore();
    const deps = aServiceDeps({ store });
    store.create(aRolloutRecord().withId('r-done').withStatus('succeeded').build());
    const outcome = await submitRequest({ text: 'property set a.b=c on prod', userId: 'U1', channelId: 'C0123OPS' }, deps);
    expect(outcome.kind).toBe('request');
  });
});
