import { describe, expect, it } from 'vitest';
import { aCluster } from '../../test/builders/a-cluster.ts';
import { aClusterRuntime, aServiceDeps, silentLog } from '../../test/builders/service-deps.ts';
import { InMemoryRolloutStore } from '../../test/fakes/in-memory-rollout-store.ts';
import { ManualClock } from '../../test/fakes/manual-clock.ts';
import { ScriptedCluster } from '../../test/fakes/scripted-cluster.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';
import { FactsCache, factsAgeText, type FactsCacheOptions } from './facts-cache.ts';
import { submitRequest } from './requests/submit-request.ts';

const AT = '2025-03-04T09:20:00.000Z';

function scene(options: Partial<FactsCacheOptions> = {}) {
  const spec = aCluster().withNodes(3).build();
  const runtime = aClusterRuntime(spec);
  const clock = new ManualClock(Date.parse(AT));
  const nodes = new ScriptedCluster(spec, clock, { patches: ['dxp-13-7110'] });
  const clusters = new Map([[spec.name, runtime]]);
  const cache = new FactsCache({ clusters, executor: nodes.executor, clock, log: silentLog }, { maxAgeMs: 60_000, refreshEveryMs: 0, ...options });
  const probes = (): number => nodes.sent.filter((c) => c.kind === 'probe').length;
  return { spec, runtime, clock, nodes, clusters, cache, probes };
}

const EVENTS = {
  StepStarted: { type: 'StepStarted', at: AT, stepId: 'node1/apply', node: 'node1', kind: 'apply', purpose: 'rollout', title: 'apply on node1' },
  StepSucceeded: { type: 'StepSucceeded', at: AT, stepId: 'node1/apply', node: 'node1', kind: 'apply', purpose: 'rollout', durationMs: 5 },
  RolloutDone: { type: 'RolloutDone', at: AT, outcome: 'succeeded', durationMs: 5, summary: [] },
} as const satisfies Record<string, RolloutEvent>;
const event = (type: keyof typeof EVENTS): RolloutEvent => EVENTS[type];

describe('FactsCache', () => {
  it('keeps what a read found, with its age, until it is older than the configured age', async () => {
    const { cache, clock, probes } = scene();
    expect(cache.fresh('prod')).toBeUndefined();
    await cache.refresh('prod');
    expect(probes()).toBe(3);
    clock.advance(40_000);
    const warm = cache.fresh('prod');
    expect(warm?.ageMs).toBe(40_000);
    expect(warm?.nodeFacts['node2']).toMatchObject({ patches: ['dxp-13-7110'], java: '1.8.0_292', build: '7110' });
    clock.advance(20_001);
    expect(cache.fresh('prod')).toBeUndefined();
  });

  it('one read per cluster at a time', async () => {
    const { cache, probes } = scene();
    await Promise.all([cache.refresh('prod'), cache.refresh('prod'), cache.refreshAll()]);
    expect(probes()).toBe(3);
  });

  it('a rollout event that may change a node drops the facts; the end of the run reads them again', async () => {
    const { cache, nodes, probes } = scene();
    await cache.refresh('prod');
    cache.onRolloutEvent('prod', event('StepStarted'));
    expect(cache.fresh('prod')).toBeDefined();
    cache.onRolloutEvent('prod', event('StepSucceeded'));
    expect(cache.fresh('prod')).toBeUndefined();
    nodes.replacePatches('node1', ['dxp-14-7110']);
    cache.onRolloutEvent('prod', event('RolloutDone'));
    await cache.refresh('prod'); // joins the read the end of the run began
    expect(probes()).toBe(6);
    expect(cache.fresh('prod')?.nodeFacts['node1']?.patches).toEqual(['dxp-14-7110']);
  });

  it('a read begun before a node changed is not kept', async () => {
    const { cache } = scene();
    const reading = cache.refresh('prod');
    cache.onRolloutEvent('prod', event('StepSucceeded'));
    await reading;
    expect(cache.fresh('prod')).toBeUndefined();
    const ticket = cache.begin('prod');
    cache.onRolloutEvent('prod', event('StepSucceeded'));
    cache.remember('prod', { node1: { patches: [] } }, ticket);
    expect(cache.fresh('prod')).toBeUndefined();
  });

  it('a failed read leaves no facts', async () => {
    const { cache, nodes } = scene();
    await cache.refresh('prod');
    nodes.failing('node3', 'probe');
    cache.onRolloutEvent('prod', event('RolloutDone'));
    await cache.refresh('prod');
    expect(cache.fresh('prod')).toBeUndefined();
  });

  it('max age 0: never used', async () => {
    const { cache } = scene({ maxAgeMs: 0 });
    await cache.refresh('prod');
    expect(cache.fresh('prod')).toBeUndefined();
  });

  it.each([
    [0, 'facts read 0 s ago'],
    [40_400, 'facts read 40 s ago'],
    [119_000, 'facts read 119 s ago'],
    [180_000, 'facts read 3 min ago'],
  ])('factsAgeText(%i) = %s', (ms, text) => {
    expect(factsAgeText(ms)).toBe(text);
  });
});

describe('submitRequest with facts kept warm', () => {
  const submit = async (text: string, warmFirst: boolean) => {
    const s = scene();
    if (warmFirst) await s.cache.refresh('prod');
    s.clock.advance(40_000);
    const sentBefore = s.nodes.sent.length;
    const deps = aServiceDeps({ store: new InMemoryRolloutStore(), clusters: s.clusters, executor: s.nodes.executor, healthProbe: s.nodes.healthProbe, clock: s.clock, warmFacts: s.cache });
    const outcome = await submitRequest({ text, userId: 'U1', channelId: 'C0123OPS' }, deps);
    if (outcome.kind !== 'request') throw new Error(`not a request: ${JSON.stringify(outcome)}`);
    const { verdict, factsReadAt } = outcome.record;
    return { ...s, verdict, factsReadAt, sent: s.nodes.sent.slice(sentBefore) };
  };

  it('a fix pack: told from the warm facts, no node is read, and the verdict says how old they are', async () => {
    const { verdict, sent, factsReadAt, clock } = await submit('fixpack install dxp-14-7110 on prod', true);
    expect(sent).toEqual([]);
    // The record keeps when they were read, for the approval to say how old the verdict's facts were.
    expect(factsReadAt).toBe(new Date(clock.now().getTime() - 40_000).toISOString());
    expect(verdict.type === 'verdict' && verdict.reasons.map((r) => `${r.rule}: ${r.message}`)).toContain('facts-age: facts read 40 s ago (kept warm; approving reads the nodes again)');
  });

  it('a property: each node is asked only whether its file has the change, not probed', async () => {
    const { sent } = await submit('property set a.b=c on prod', true);
    expect(sent.some((c) => c.kind === 'probe')).toBe(false);
    expect(sent.filter((c) => c.kind === 'read-file').map((c) => c.node)).toEqual(['node1', 'node2', 'node3']);
  });

  it('nothing warm: the verdict probes as before, says nothing of age, and leaves its facts for the next one', async () => {
    const { verdict, sent, cache, factsReadAt, clock } = await submit('fixpack install dxp-14-7110 on prod', false);
    expect(sent.filter((c) => c.kind === 'probe')).toHaveLength(3);
    expect(factsReadAt).toBe(clock.now().toISOString());
    expect(verdict.type === 'verdict' && verdict.reasons.some((r) => r.rule === 'facts-age')).toBe(false);
    expect(cache.fresh('prod')?.nodeFacts['node3']?.patches).toEqual(['dxp-13-7110']);
  });
});
