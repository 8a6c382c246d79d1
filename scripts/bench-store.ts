/**
 * Throughput of the SQLite rollout store on a temp file (WAL, synchronous=FULL: one fsync per
 * committed write). Run: `npx tsx scripts/bench-store.ts`. Figures only; nothing asserts on them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteRolloutStore } from '../src/adapters/store/sqlite-rollout-store.ts';
import type { RolloutRecord } from '../src/app/rollout-record.ts';
import type { RolloutEvent } from '../src/domain/rollout/rollout-event.ts';

const EVENTS = 10_000;
const REPLAYS = 5;
const CAS_UPDATES = 2_000;

const record: RolloutRecord = {
  id: 'bench-1',
  cluster: 'prod',
  request: { kind: 'property', action: 'set', settings: [{ key: 'index.read.only', value: 'false' }], cluster: 'prod', dryRun: false },
  requestText: 'property set index.read.only=false on prod',
  requestedBy: 'U0123ALICE',
  requestedAt: '2025-03-04T09:15:00.000Z',
  channelId: 'C0123OPS',
  messageTs: '1741079700.000100',
  facts: { product: 'dxp-7.1' },
  answers: {},
  verdict: {
    type: 'verdict',
    verdict: 'eligible',
    reasons: [],
    questions: [],
    request: { kind: 'property', action: 'set', settings: [{ key: 'index.read.only', value: 'false' }], cluster: 'prod', dryRun: false },
  },
  plan: undefined,
  status: 'running',
  decidedBy: 'U0456BOB',
  decidedAt: '2025-03-04T09:31:00.000Z',
  decisionNote: undefined,
  updatedAt: '2025-03-04T09:31:00.000Z',
};

/** A realistic mix: most events are step start/finish; every tenth a failure with an output tail. */
function eventNumber(i: number): RolloutEvent {
  const at = new Date(Date.UTC(2025, 2, 4, 10) + i * 1000).toISOString();
  const node = `node${(i % 3) + 1}`;
  if (i % 10 === 9) return { type: 'StepFailed', at, stepId: `${node}/wait-started`, node, kind: 'wait-started', purpose: 'rollout', durationMs: 900_000, message: 'timed out', outputTail: 'INFO  [main] ...\n'.repeat(20) };
  return i % 2 === 0
    ? { type: 'StepStarted', at, stepId: `${node}/step-${i}`, node, kind: 'verify', purpose: 'rollout', title: `step ${i} on ${node}` }
    : { type: 'StepSucceeded', at, stepId: `${node}/step-${i}`, node, kind: 'verify', purpose: 'rollout', durationMs: 1234 };
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
const file = path.join(dir, 'rollouts.sqlite');
try {
  const store = openSqliteRolloutStore(file);
  store.create(record);
  const events = Array.from({ length: EVENTS }, (_, i) => eventNumber(i));

  const appendMs = timed(() => {
    for (const event of events) store.appendEvent(record.id, event);
  });

  let replayed = 0;
  const replayTimes = Array.from({ length: REPLAYS }, () => timed(() => (replayed = store.events(record.id).length))).sort((a, b) => a - b);
  if (replayed !== EVENTS) throw new Error(`replayed ${replayed} events, expected ${EVENTS}`);

  let flips = 0;
  const casMs = timed(() => {
    for (let i = 0; i < CAS_UPDATES; i += 1) {
      const [from, to] = i % 2 === 0 ? (['running', 'interrupted'] as const) : (['interrupted', 'running'] as const);
      if (store.update(record.id, [from], { status: to, updatedAt: new Date().toISOString() }) !== undefined) flips += 1;
    }
  });
  if (flips !== CAS_UPDATES) throw new Error(`${flips} of ${CAS_UPDATES} compare-and-set updates applied`);
  store.close();

  const bytes = fs.statSync(file).size;
  const lines = [
    `SQLite rollout store on ${file} (WAL, synchronous=FULL), node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}`,
    `append:  ${fmt(EVENTS)} events into one rollout, one transaction each: ${fmt(appendMs)} ms = ${fmt((EVENTS / appendMs) * 1000)} events/s (${fmt((appendMs * 1000) / EVENTS, 1)} µs each)`,
    `replay:  ${fmt(EVENTS)} events read + JSON.parse + checked: median ${fmt(replayTimes[Math.floor(REPLAYS / 2)] ?? NaN, 1)} ms (best ${fmt(replayTimes[0] ?? NaN, 1)} ms of ${REPLAYS})`,
    `cas:     ${fmt(CAS_UPDATES)} compare-and-set updates: ${fmt(casMs)} ms = ${fmt((CAS_UPDATES / casMs) * 1000)} updates/s (${fmt((casMs * 1000) / CAS_UPDATES, 1)} µs each)`,
    `file:    ${fmt(bytes / 1024)} KiB after close`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
