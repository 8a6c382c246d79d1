import { describe, expect, it } from 'vitest';
import { aClusterRuntime, aServiceDeps, APPROVER } from '../../../test/builders/service-deps.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { exitWith, RecordingNodeExecutor } from '../../../test/fakes/recording-node-executor.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import { neutralText } from '../../domain/text/rich-text.ts';
import { approveRequest, type ApproveDeps } from './decide-request.ts';
import { evaluateRequest } from './evaluate-request.ts';


function setUp(record: RolloutRecord): { deps: ApproveDeps; executor: RecordingNodeExecutor; store: InMemoryRolloutStore } {
  const executor = new RecordingNodeExecutor();
  const store = new InMemoryRolloutStore();
  store.create(record);
  return { deps: aServiceDeps({ store, executor, clusters: new Map([['prod', aClusterRuntime()]]) }), executor, store };
}

const approve = (record: RolloutRecord, deps: ApproveDeps): ReturnType<typeof approveRequest> =>
  approveRequest({ requestId: record.id, userId: APPROVER, groupIds: [], shownPlanHash: record.plan?.hash ?? '', strategy: 'rolling' }, deps);

describe('approveRequest of a dry run', () => {
  it.each([
    ['the rolling plan', aRolloutRecord().dryRun().build()],
    ['a request still waiting for answers', aRolloutRecord().dryRun().withStatus('awaiting-confirmation').build()],
  ])('%s: is denied in one line and nothing is sent to any node', async (_name, record) => {
    const { deps, executor, store } = setUp(record);
    const outcome = await approve(record, deps);
    expect(outcome).toEqual({
      kind: 'denied',
      message: ['This was a dry run: nothing is approved or changed. To make the change, ask again without --dry-run: ', { command: 'property set index.read.only=false on prod' }],
    });
    expect(executor.connects).toEqual([]);
    expect(executor.runs).toEqual([]);
    expect(store.get(record.id)?.status).toBe(record.status);
    expect(store.auditTrail(record.id).map((a) => a.action)).toEqual(['approval refused']);
  });

  it('the same request without --dry-run does reach the nodes (the fake sees it)', async () => {
    const record = aRolloutRecord().build();
    const { deps, executor } = setUp(record);
    await approve(record, deps);
    expect(executor.connects.map((t) => t.name)).toEqual(['node1', 'node2']);
    expect(executor.runs.length).toBeGreaterThan(0);
  });
});

describe('approveRequest when someone else decided first (between the check and the claim)', () => {
  /** A store where, just before this approval's claim, another decision lands. */
  class DecidedMeanwhile extends InMemoryRolloutStore {
    constructor(private readonly meanwhile: Partial<RolloutRecord>) {
      super();
    }
    override claim(...args: Parameters<InMemoryRolloutStore['claim']>): ReturnType<InMemoryRolloutStore['claim']> {
      this.update(args[0], ['awaiting-approval'], this.meanwhile);
      return super.claim(...args);
    }
  }

  it.each<[string, Partial<RolloutRecord>, string]>([
    ['approved, and the rollout runs', { status: 'running', decidedBy: 'U0LI' }, 'Already approved by U0LI; the rollout is running'],
    ['approved, not started yet', { status: 'approved', decidedBy: 'U0LI' }, 'Already approved by U0LI'],
    ['approved, and it failed', { status: 'failed', decidedBy: 'U0LI' }, 'Already approved by U0LI; the rollout stopped on a failure and waits for a decision'],
    ['rejected', { status: 'rejected', decidedBy: 'U0LI' }, 'Already rejected by U0LI'],
    ['expired', { status: 'expired' }, 'Already expired'],
  ])('%s', async (_name, meanwhile, said) => {
    const cluster = aClusterRuntime();
    const store = new DecidedMeanwhile(meanwhile);
    const deps = aServiceDeps({ store, clusters: new Map([['prod', cluster]]) });
    const built = aRolloutRecord().build();
    // The plan as the approval's fresh look at the nodes makes it, so the approval goes on to its claim.
    const fresh = await evaluateRequest(built.request, cluster, {}, deps);
    if (!fresh.ok || fresh.value.plan === undefined) throw new Error('no plan');
    const record: RolloutRecord = { ...built, plan: fresh.value.plan, verdict: fresh.value.verdict, facts: fresh.value.facts };
    store.create(record);
    const outcome = await approve(record, deps);
    expect(outcome.kind).toBe('denied');
    expect(outcome.kind === 'denied' ? neutralText(outcome.message) : '').toBe(said);
  });
});

/** Answers the node probe with Java and the digest of portal-ext.properties; every other command exits 0. */
const probingExecutor = (): RecordingNodeExecutor =>
  new RecordingNodeExecutor((run) => (run.command.includes('--- digests') ? exitWith(0, `--- java\nopenjdk version "1.8.0_292"\n--- digests\n${'a'.repeat(64)}  portal-ext.properties\n--- end\n`) : exitWith(0)));

/** A cluster whose fake probe answers, and the verdict a fresh look at it gives now. */
async function probedScene() {
  const cluster = aClusterRuntime();
  const store = new InMemoryRolloutStore();
  const deps = aServiceDeps({ store, executor: probingExecutor(), clusters: new Map([['prod', cluster]]) });
  const built = aRolloutRecord().build();
  const fresh = await evaluateRequest(built.request, cluster, {}, deps);
  if (!fresh.ok || fresh.value.plan === undefined) throw new Error('no plan');
  return { store, deps, built, fresh: fresh.value, plan: fresh.value.plan };
}

describe('approveRequest when a node changed since the verdict in something the verdict used, the plan the same', () => {
  it.each([
    ['probed at the request (3 min ago)', undefined, 'facts read 3 min ago'],
    ['kept warm, read 10 min ago', 600_000, 'facts read 10 min ago'],
  ] as const)('refuses in one line naming the node, what changed and how old the facts are (%s); the request is asked again', async (_case, readMsAgo, age) => {
    const { store, deps, built, fresh, plan } = await probedScene();
    const node2 = fresh.nodeFacts['node2'];
    if (node2?.digests === undefined) throw new Error(`the fake probe reports no digests: ${JSON.stringify(node2)}`);
    // What the verdict was shown with: node2's portal-ext.properties then had another digest (the plan's hash kept as it is now).
    const shown = { ...plan, nodeFacts: { ...fresh.nodeFacts, node2: { ...node2, digests: { 'portal-ext.properties': 'b'.repeat(64) } } } };
    const requestedAt = new Date(deps.clock.now().getTime() - 180_000).toISOString();
    const factsReadAt = readMsAgo === undefined ? undefined : new Date(deps.clock.now().getTime() - readMsAgo).toISOString();
    const record: RolloutRecord = { ...built, requestedAt, factsReadAt, plan: shown, verdict: fresh.verdict, facts: fresh.facts };
    store.create(record);
    const outcome = await approve(record, deps);
    expect(outcome.kind).toBe('superseded');
    if (outcome.kind !== 'superseded') return;
    expect(neutralText(outcome.why)).toBe(`node2: portal-ext.properties changed since the verdict (${age})`);
    // The new request's facts were read just now, by the approval's probe.
    expect(outcome.fresh.factsReadAt).toBe(deps.clock.now().toISOString());
    expect(store.get(record.id)?.status).toBe('superseded');
    expect(outcome.fresh.status).toBe('awaiting-approval');
    expect(store.auditTrail(record.id).map((a) => a.action)).toEqual(['superseded']);
  });

  it('the same facts and plan: approved', async () => {
    const { store, deps, built, fresh, plan } = await probedScene();
    const record: RolloutRecord = { ...built, plan, verdict: fresh.verdict, facts: fresh.facts };
    store.create(record);
    expect((await approve(record, deps)).kind).toBe('approved');
  });
});
