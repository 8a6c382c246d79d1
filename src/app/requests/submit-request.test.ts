import { describe, expect, it } from 'vitest';
import { aClusterRuntime, aServiceDeps } from '../../../test/builders/service-deps.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
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
