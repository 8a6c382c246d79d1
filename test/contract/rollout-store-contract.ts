import { afterEach, describe, expect, it } from 'vitest';
import type { RolloutStore } from '../../src/app/ports.ts';
import { ROLLOUT_STATUSES, type AuditEntry, type RolloutRecord, type RolloutStatus } from '../../src/app/rollout-record.ts';
import { CodedError } from '../../src/domain/coded-error.ts';
import type { ErrorCode } from '../../src/domain/error-code.ts';
import type { RolloutEvent } from '../../src/domain/rollout/rollout-event.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';
import type { MaintenanceRequest } from '../../src/domain/request/maintenance-request.ts';
import { describeRequest } from '../../src/domain/request/describe-request.ts';

export interface StoreUnderTest {
  readonly store: RolloutStore;
  /** A second store over the same data (a restart, or a second connection); the first may still be open. */
  readonly reopen?: () => RolloutStore;
  readonly cleanup: () => void;
}

const STATUSES = ROLLOUT_STATUSES;

/** One of every event type, optional fields both present and absent, awkward text included. */
export const SAMPLE_EVENTS: readonly RolloutEvent[] = [
  { type: 'RolloutStarted', at: '2025-03-04T10:00:00.000Z', planHash: 'f3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', nodes: ['node1', 'node2'] },
  { type: 'StepStarted', at: '2025-03-04T10:00:01.000Z', stepId: 'node1/stop', kind: 'stop', purpose: 'rollout', node: 'node1', title: 'stop node1 (force after 120 s)' },
  { type: 'StepSucceeded', at: '2025-03-04T10:00:31.250Z', stepId: 'node1/stop', kind: 'stop', purpose: 'rollout', node: 'node1', durationMs: 30_250 },
  { type: 'StepSucceeded', at: '2025-03-04T10:00:32.000Z', stepId: 'node1/backup', kind: 'backup', purpose: 'rollout', node: 'node1', durationMs: 750, detail: 'portal-ext.properties -> portal-ext.properties.bak' },
  {
    type: 'StepFailed',
    at: '2025-03-04T10:05:00.000Z',
    stepId: 'node1/wait-started', kind: 'wait-started', purpose: 'rollout',
    node: 'node1',
    durationMs: 268_000,
    message: 'no "Server startup in" within 900 s',
    outputTail: 'line 1\n\ttabbed "quoted" \'single\' \\backslash\u0000nul ünïcødé 🚀\r\nlast line',
  },
  {
    type: 'StepFailed',
    at: '2025-03-04T10:05:01.000Z',
    stepId: 'node1/start', kind: 'start', purpose: 'rollout',
    node: 'node1',
    durationMs: 1_200,
    message: 'exit code 1',
    command: "sh -c '/opt/liferay/tomcat/bin/startup.sh'",
    exitCode: 1,
    outputTail: '',
  },
  { type: 'RestoreStarted', at: '2025-03-04T10:05:02.000Z', node: 'node1' },
  { type: 'RestoreFinished', at: '2025-03-04T10:07:00.000Z', node: 'node1', ok: false, message: 'node1 did not start after the restore either' },
  { type: 'NodeDone', at: '2025-03-04T10:07:01.000Z', node: 'node1', durationMs: 420_000 },
  { type: 'RolloutDone', at: '2025-03-04T10:07:02.000Z', outcome: 'failed', durationMs: 422_000, summary: ['failed on node1; node2 untouched'] },
  { type: 'RolloutInterrupted', at: '2025-03-04T11:00:00.000Z', summary: ['the bot restarted while node2/start was running'] },
];

const auditEntry = (rolloutId: string, n: number): AuditEntry => ({
  at: `2025-03-04T09:${String(20 - n).padStart(2, '0')}:00.000Z`, // out of time order on purpose: the trail keeps insertion order
  rolloutId,
  actor: n % 2 === 0 ? 'U0123ALICE' : 'cli:ops',
  action: `action-${n}`,
  detail: [`detail ${n}: "quoted", ünïcødé`],
});

function expectCodedError(fn: () => unknown, code: ErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CodedError);
  expect((thrown as CodedError).code).toBe(code);
}

/** The `RolloutStore` port's contract; every implementation (and the fake) must pass it. */
export function rolloutStoreContract(name: string, makeStore: () => StoreUnderTest): void {
  describe(`RolloutStore contract: ${name}`, () => {
    const opened: StoreUnderTest[] = [];
    const open = (): StoreUnderTest => {
      const subject = makeStore();
      opened.push(subject);
      return subject;
    };
    /** A second handle on the same data (closed after the test). */
    const second = (subject: StoreUnderTest): RolloutStore => {
      if (subject.reopen === undefined) throw new Error(`${name}: this test needs makeStore() to provide reopen`);
      const store = subject.reopen();
      opened.push({ store, cleanup: () => undefined });
      return store;
    };

    afterEach(() => {
      for (const subject of opened.splice(0).reverse()) {
        subject.store.close();
        subject.cleanup();
      }
    });

    describe('create and get', () => {
      it('round-trips a full record with a plan and a verdict', () => {
        const { store } = open();
        const record = aRolloutRecord().build();
        store.create(record);
        const back = store.get(record.id);
        expect(back).toEqual(record);
        expect(back?.plan).toEqual(record.plan);
        expect(back?.verdict).toEqual(record.verdict);
      });

      // Older bots stored the request text (and audit details) as typed, secret values and all.
      it.each([
        ['property set jdbc.default.password=S3cr3t on prod', 'S3cr3t', { kind: 'property', action: 'set', settings: [{ key: 'jdbc.default.password', value: 'S3cr3t' }] }],
        ['config set com.x.Y clientSecret="a b&c" on prod', 'a b&c', { kind: 'config', action: 'set', pid: 'com.x.Y', settings: [{ key: 'clientSecret', value: 'a b&c' }] }],
      ] as const)('reads an old record of %s back masked (text, list, audit), the request itself intact', (typed, secret, change) => {
        const { store } = open();
        const request = { ...change, settings: [...change.settings], cluster: 'prod', dryRun: false } as MaintenanceRequest;
        const record = { ...aRolloutRecord().build(), id: 'old-secret', request, requestText: describeRequest(request) };
        expect(record.requestText).toContain(secret);
        store.create(record);
        store.audit({ at: '2025-03-04T09:00:00.000Z', rolloutId: record.id, actor: 'U0123ALICE', action: 'requested', detail: [`${describeRequest(request)} -> eligible`] });
        const shown = JSON.stringify([store.get(record.id)?.requestText, store.list({}).map((r) => r.requestText), store.auditTrail(record.id)]);
        expect(shown).not.toContain(secret);
        expect(shown).toContain(`${typed.split('=')[0] ?? ''}=••••••`);
        expect(store.get(record.id)?.request).toEqual(request);
      });

      it('returns keys typed `X | undefined` as present and undefined', () => {
        const { store } = open();
        const record = aRolloutRecord().fromCli().withoutPlan().build();
        store.create(record);
        const back = store.get(record.id);
        expect(back).toStrictEqual(record);
        for (const key of ['channelId', 'messageTs', 'plan', 'decidedBy', 'decidedAt', 'decisionNote'] as const) {
          expect(back !== undefined && Object.hasOwn(back, key), key).toBe(true);
          expect(back?.[key], key).toBeUndefined();
        }
      });

      it('round-trips a decided record', () => {
        const { store } = open();
        const record = aRolloutRecord().withStatus('rejected').decided('U0456BOB', '2025-03-04T09:30:00.000Z', 'not during business hours').build();
        store.create(record);
        expect(store.get(record.id)).toStrictEqual(record);
      });

      it('keeps its own copies: changing what went in or came out changes nothing stored', () => {
        const { store } = open();
        const record = aRolloutRecord().build();
        const expected = structuredClone(record);
        store.create(record);
        (record as { status: RolloutStatus }).status = 'running';
        const back = store.get(record.id);
        (back as { cluster: string }).cluster = 'elsewhere';
        expect(store.get(record.id)).toEqual(expected);
      });

      it('refuses a second record with the same id (rollout_exists) and keeps the first', () => {
        const { store } = open();
        const first = aRolloutRecord().build();
        store.create(first);
        expectCodedError(() => store.create(aRolloutRecord().requestedBy('U0999MALLORY').build()), 'rollout_exists');
        expect(store.get(first.id)).toEqual(first);
      });
    });

    describe('unknown ids', () => {
      it('get -> undefined, events -> [], auditTrail -> [], update -> undefined, list -> []', () => {
        const { store } = open();
        expect(store.get('nope')).toBeUndefined();
        expect(store.events('nope')).toEqual([]);
        expect(store.auditTrail('nope')).toEqual([]);
        expect(store.update('nope', STATUSES, { status: 'approved' })).toBeUndefined();
        expect(store.list({})).toEqual([]);
        expect(store.get('nope')).toBeUndefined();
      });

      it('appendEvent on an unknown rollout throws rollout_not_found and stores nothing', () => {
        const { store } = open();
        expectCodedError(() => store.appendEvent('nope', SAMPLE_EVENTS[0] as RolloutEvent), 'rollout_not_found');
        expect(store.events('nope')).toEqual([]);
      });
    });

    describe('update (compare-and-set)', () => {
      it.each(STATUSES)('from %s: succeeds when expected, returns the merged record', (status) => {
        const { store } = open();
        const record = aRolloutRecord().withStatus(status).build();
        store.create(record);
        const patch = { status: 'superseded', decisionNote: 'a newer request replaced it', updatedAt: '2025-03-04T09:40:00.000Z' } as const;
        const updated = store.update(record.id, [status], patch);
        expect(updated).toEqual({ ...record, ...patch });
        expect(store.get(record.id)).toEqual(updated);
      });

      it.each(STATUSES)('from %s: refused when not expected, nothing changes', (status) => {
        const { store } = open();
        const record = aRolloutRecord().withStatus(status).build();
        store.create(record);
        const others = STATUSES.filter((s) => s !== status);
        expect(store.update(record.id, others.slice(0, 3), { status: 'approved', decidedBy: 'U0456BOB' })).toBeUndefined();
        expect(store.update(record.id, [], { status: 'approved', decidedBy: 'U0456BOB' })).toBeUndefined();
        expect(store.get(record.id)).toStrictEqual(record);
      });

      it('accepts any of several expected statuses', () => {
        const { store } = open();
        const record = aRolloutRecord().withStatus('running').build();
        store.create(record);
        expect(store.update(record.id, ['approved', 'running'], { status: 'interrupted' })?.status).toBe('interrupted');
      });

      it('keeps fields the patch does not name, clears a field patched to undefined, never changes the id', () => {
        const { store } = open();
        const record = aRolloutRecord().withStatus('rejected').decided('U0456BOB', '2025-03-04T09:30:00.000Z', 'wrong cluster').build();
        store.create(record);
        const patch = { id: 'hijacked', status: 'awaiting-approval', decisionNote: undefined } as Partial<Omit<RolloutRecord, 'id'>>;
        const updated = store.update(record.id, ['rejected'], patch);
        expect(updated).toStrictEqual({ ...record, status: 'awaiting-approval', decisionNote: undefined });
        expect(store.get(record.id)).toStrictEqual(updated);
        expect(store.get('hijacked')).toBeUndefined();
      });

      it('two approvers at once: only one moves awaiting-approval -> approved', () => {
        const { store } = open();
        const record = aRolloutRecord().build();
        store.create(record);
        const alice = store.update(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: 'U0123ALICE', decidedAt: '2025-03-04T09:31:00.000Z' });
        const bob = store.update(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: 'U0456BOB', decidedAt: '2025-03-04T09:31:00.001Z' });
        expect(alice?.decidedBy).toBe('U0123ALICE');
        expect(bob).toBeUndefined();
        expect(store.get(record.id)?.decidedBy).toBe('U0123ALICE');
      });

      it('two approvers through two handles on the same data: only one wins', () => {
        const subject = open();
        const other = second(subject);
        const record = aRolloutRecord().build();
        subject.store.create(record);
        const results = [subject.store, other, subject.store, other].map((store, i) =>
          store.update(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: `U000${i}`, decidedAt: '2025-03-04T09:31:00.000Z' }),
        );
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
        expect(results[0]?.decidedBy).toBe('U0000');
        expect(other.get(record.id)?.decidedBy).toBe('U0000');
      });
    });

    describe('events', () => {
      it('are numbered 1..n and come back in order with their exact content', () => {
        const { store } = open();
        const record = aRolloutRecord().build();
        store.create(record);
        const seqs = SAMPLE_EVENTS.map((event) => store.appendEvent(record.id, event));
        expect(seqs).toEqual(SAMPLE_EVENTS.map((_, i) => i + 1));
        expect(store.events(record.id)).toStrictEqual(SAMPLE_EVENTS);
      });

      it('are numbered per rollout', () => {
        const { store } = open();
        store.create(aRolloutRecord().withId('a').build());
        store.create(aRolloutRecord().withId('b').build());
        const seqs = SAMPLE_EVENTS.slice(0, 3).flatMap((event) => [store.appendEvent('a', event), store.appendEvent('b', event), store.appendEvent('a', event)]);
        expect(seqs).toEqual([1, 1, 2, 3, 2, 4, 5, 3, 6]);
        expect(store.events('a')).toHaveLength(6);
        expect(store.events('b')).toStrictEqual(SAMPLE_EVENTS.slice(0, 3));
      });

      it('keep their own copies', () => {
        const { store } = open();
        const record = aRolloutRecord().build();
        store.create(record);
        const event = { type: 'NodeDone', at: '2025-03-04T10:07:01.000Z', node: 'node1', durationMs: 1 } as const;
        store.appendEvent(record.id, { ...event });
        const back = store.events(record.id);
        (back[0] as { node: string }).node = 'changed';
        expect(store.events(record.id)).toStrictEqual([event]);
      });
    });

    describe('list', () => {
      const seed = (store: RolloutStore): void => {
        const rows: readonly [string, string, RolloutStatus, string][] = [
          ['p1', 'prod', 'succeeded', '2025-03-01T08:00:00.000Z'],
          ['s1', 'staging', 'running', '2025-03-02T08:00:00.000Z'],
          ['p2', 'prod', 'rejected', '2025-03-03T08:00:00.000Z'],
          ['p3', 'prod', 'running', '2025-03-05T08:00:00.000Z'],
          ['s2', 'staging', 'awaiting-approval', '2025-03-04T08:00:00.000Z'],
          ['p4', 'prod', 'awaiting-approval', '2025-03-04T12:00:00.000Z'],
        ];
        for (const [id, cluster, status, at] of rows) store.create(aRolloutRecord().withId(id).onCluster(cluster).withStatus(status).requestedAt(at).build());
      };
      const ids = (records: readonly RolloutRecord[]): string[] => records.map((r) => r.id);

      it.each([
        [{}, ['p3', 'p4', 's2', 'p2', 's1', 'p1']],
        [{ cluster: 'prod' }, ['p3', 'p4', 'p2', 'p1']],
        [{ cluster: 'staging' }, ['s2', 's1']],
        [{ cluster: 'nowhere' }, []],
        [{ statuses: ['running'] }, ['p3', 's1']],
        [{ statuses: ['awaiting-approval', 'running'] }, ['p3', 'p4', 's2', 's1']],
        [{ statuses: [] }, []],
        [{ cluster: 'prod', statuses: ['awaiting-approval', 'running'] }, ['p3', 'p4']],
        [{ limit: 2 }, ['p3', 'p4']],
        [{ limit: 0 }, []],
        [{ limit: 100 }, ['p3', 'p4', 's2', 'p2', 's1', 'p1']],
        [{ cluster: 'prod', statuses: ['succeeded', 'rejected', 'running'], limit: 2 }, ['p3', 'p2']],
      ] as const)('%j -> %j (most recent first)', (filter, expected) => {
        const { store } = open();
        seed(store);
        expect(ids(store.list(filter))).toEqual(expected);
      });

      describe('by request kind', () => {
        const fixpack = { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: false } as const;
        const hotfix = { kind: 'hotfix', action: 'install', patch: 'hotfix-4445-7110', cluster: 'prod', dryRun: false } as const;
        const seedKinds = (store: RolloutStore): void => {
          seed(store); // property requests
          store.create(aRolloutRecord().withId('f1').withRequest(fixpack).withStatus('succeeded').requestedAt('2025-03-06T08:00:00.000Z').build());
          store.create(aRolloutRecord().withId('h1').withRequest(hotfix).withStatus('failed').requestedAt('2025-03-07T08:00:00.000Z').build());
          store.create(aRolloutRecord().withId('f2').onCluster('staging').withRequest(fixpack).withStatus('succeeded').requestedAt('2025-03-08T08:00:00.000Z').build());
        };
        it.each([
          [{ kinds: ['fixpack'] }, ['f2', 'f1']],
          [{ kinds: ['fixpack'], cluster: 'prod' }, ['f1']],
          [{ kinds: ['fixpack', 'hotfix'], cluster: 'prod' }, ['h1', 'f1']],
          [{ kinds: ['hotfix'], statuses: ['succeeded'] }, []],
          [{ kinds: ['property'], cluster: 'staging' }, ['s2', 's1']],
          [{ kinds: ['java'] }, []],
          [{ kinds: [] }, []],
        ] as const)('%j -> %j', (filter, expected) => {
          const { store } = open();
          seedKinds(store);
          expect(ids(store.list(filter))).toEqual(expected);
        });

        it('follows a request changed by update', () => {
          const { store } = open();
          seedKinds(store);
          store.update('p4', ['awaiting-approval'], { request: { ...fixpack, patch: 'dxp-15-7110' } });
          expect(ids(store.list({ kinds: ['fixpack'], cluster: 'prod' }))).toEqual(['f1', 'p4']);
        });
      });

      it('orders equal request times by insertion, the later first', () => {
        const { store } = open();
        for (const id of ['x', 'y', 'z']) store.create(aRolloutRecord().withId(id).build());
        expect(ids(store.list({}))).toEqual(['z', 'y', 'x']);
      });

      it('sees status changes made by update', () => {
        const { store } = open();
        seed(store);
        store.update('p4', ['awaiting-approval'], { status: 'approved' });
        expect(ids(store.list({ statuses: ['awaiting-approval'] }))).toEqual(['s2']);
        expect(store.list({ statuses: ['approved'] })).toEqual([store.get('p4')]);
      });
    });

    describe('succeededRuns', () => {
      const started = (at: string): RolloutEvent => ({ type: 'RolloutStarted', at, planHash: 'f'.repeat(64), nodes: ['node1', 'node2'] });
      const done = (at: string, outcome: 'succeeded' | 'failed', durationMs: number): RolloutEvent => ({ type: 'RolloutDone', at, outcome, durationMs, summary: [outcome] });
      const resumed = (at: string): RolloutEvent => ({ type: 'RolloutResumed', at, mode: 'resume', by: 'U0456BOB', nodes: ['node2'], message: 'resumed' });
      /** id, cluster, final status, events (one run, or failed then resumed), finish time and duration. */
      const seed = (store: RolloutStore): void => {
        const rows: ReadonlyArray<readonly [string, string, RolloutStatus, 'one run' | 'resumed', string, number]> = [
          ['old', 'prod', 'succeeded', 'one run', '2025-03-01T10:10:00.000Z', 600_000],
          ['new', 'prod', 'succeeded', 'one run', '2025-03-05T10:08:00.000Z', 480_000],
          ['mid', 'prod', 'succeeded', 'one run', '2025-03-03T10:12:00.000Z', 720_000],
          ['again', 'prod', 'succeeded', 'resumed', '2025-03-04T11:00:00.000Z', 60_000],
          ['bad', 'prod', 'failed', 'one run', '2025-03-06T10:00:00.000Z', 30_000],
          ['other', 'staging', 'succeeded', 'one run', '2025-03-06T10:00:00.000Z', 90_000],
        ];
        for (const [id, cluster, status, runs, at, ms] of rows) {
          store.create(aRolloutRecord().withId(id).onCluster(cluster).withStatus(status).build());
          store.appendEvent(id, started('2025-03-01T10:00:00.000Z'));
          if (runs === 'resumed') {
            store.appendEvent(id, done('2025-03-04T10:30:00.000Z', 'failed', 1_800_000));
            store.appendEvent(id, resumed('2025-03-04T10:59:00.000Z'));
          }
          store.appendEvent(id, done(at, status === 'succeeded' ? 'succeeded' : 'failed', ms));
        }
        store.create(aRolloutRecord().withId('waiting').withStatus('awaiting-approval').build());
      };

      it.each([
        ['prod', 10, [['new', 480_000], ['mid', 720_000], ['old', 600_000]]],
        ['prod', 2, [['new', 480_000], ['mid', 720_000]]],
        ['prod', 0, []],
        ['staging', 10, [['other', 90_000]]],
        ['nowhere', 10, []],
      ] as const)('%s, at most %i: the rollouts that succeeded in one run, newest finish first', (cluster, limit, expected) => {
        const { store } = open();
        seed(store);
        const runs = store.succeededRuns(cluster, limit);
        expect(runs.map((r) => [r.rolloutId, r.durationMs])).toEqual(expected);
        for (const run of runs) expect(run.plan).toStrictEqual(store.get(run.rolloutId)?.plan);
      });

      it('says when each finished', () => {
        const { store } = open();
        seed(store);
        expect(store.succeededRuns('prod', 1)).toEqual([expect.objectContaining({ rolloutId: 'new', finishedAt: '2025-03-05T10:08:00.000Z' })]);
      });
    });

    describe('audit', () => {
      it('keeps the trail per rollout, in insertion order', () => {
        const { store } = open();
        store.create(aRolloutRecord().withId('a').build());
        store.create(aRolloutRecord().withId('b').build());
        const entries = [0, 1, 2, 3, 4, 5].map((n) => auditEntry(n % 3 === 0 ? 'b' : 'a', n));
        for (const entry of entries) store.audit(entry);
        expect(store.auditTrail('a')).toStrictEqual(entries.filter((e) => e.rolloutId === 'a'));
        expect(store.auditTrail('b')).toStrictEqual(entries.filter((e) => e.rolloutId === 'b'));
      });

      it('records entries for a rollout id that has no record (a click on a stale message)', () => {
        const { store } = open();
        const entry = auditEntry('gone', 1);
        store.audit(entry);
        expect(store.auditTrail('gone')).toStrictEqual([entry]);
      });
    });

    describe('another handle on the same data', () => {
      it('sees everything committed, and continues the event numbering', () => {
        const subject = open();
        const { store } = subject;
        const record = aRolloutRecord().build();
        store.create(record);
        store.update(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: 'U0456BOB', decidedAt: '2025-03-04T09:31:00.000Z' });
        for (const event of SAMPLE_EVENTS.slice(0, 4)) store.appendEvent(record.id, event);
        store.audit(auditEntry(record.id, 1));

        const other = second(subject);
        expect(other.get(record.id)).toStrictEqual(store.get(record.id));
        expect(other.events(record.id)).toStrictEqual(SAMPLE_EVENTS.slice(0, 4));
        expect(other.auditTrail(record.id)).toStrictEqual([auditEntry(record.id, 1)]);
        expect(other.appendEvent(record.id, SAMPLE_EVENTS[4] as RolloutEvent)).toBe(5);
        expect(store.appendEvent(record.id, SAMPLE_EVENTS[5] as RolloutEvent)).toBe(6);
        expect(store.events(record.id)).toStrictEqual(SAMPLE_EVENTS.slice(0, 6));
      });
    });
  });
}
