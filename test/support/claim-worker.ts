/**
 * A long-lived child process that takes a cluster lock on command, through the real SQLite store,
 * the way the bot's approval and the CLI's `run --db` do: for the lock-race e2e, where two of these
 * race each other from separate OS processes.
 *
 *   node --import tsx test/support/claim-worker.ts <db file>
 *
 * stdin, one command a line:
 *   approve <requestId>                as src/app/requests/decide-request.ts: read the request, look
 *                                      for a holder of its cluster, then claim() it
 *                                      (awaiting-approval -> approved, owner `bot:…`)
 *   cli <requestText>                  as the CLI: recordCliRun() itself (records a request approved
 *                                      at the terminal, then claim(), owner `cli:…`)
 *   exit
 * stdout, one JSON object a line: `{"ready":true}` once the store is open; for each command first
 * `{"begun":…}` (written synchronously, before the claim blocks this process) and then the outcome
 * `{"done":…,"ok":…,"rolloutId":…,"reason":…,"holder":…,"message":…,"freeBefore":…}`.
 */
import { createInterface } from 'node:readline';
import { recordCliRun } from '../../src/app/record-cli-run.ts';
import { processOwner } from '../../src/adapters/process-owner.ts';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import { clusterBusy } from '../../src/app/requests/cluster-busy.ts';
import { raceRecord } from './race-record.ts';
import { neutralText } from '../../src/domain/text/rich-text.ts';
import { messageOf } from '../../src/domain/message-of.ts';

const LEASE_MS = 30_000;

const dbPath = process.argv[2];
if (dbPath === undefined) {
  process.stderr.write('usage: claim-worker.ts <db file>\n');
  process.exit(2);
}
const store = openSqliteRolloutStore(dbPath);
const say = (value: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

interface Outcome {
  readonly ok: boolean;
  readonly rolloutId?: string | undefined;
  readonly reason?: string | undefined;
  readonly holder?: string | undefined;
  readonly message?: string | undefined;
}

/** decide-request.ts approveRequest, store calls only (the policy and the re-probe are not the race). */
function approve(requestId: string, userId: string): Outcome {
  const record = store.get(requestId);
  if (record === undefined) return { ok: false, reason: 'unknown', message: 'This request is no longer known to the bot' };
  const holder = store.locks().find((l) => l.cluster === record.cluster && l.rolloutId !== record.id);
  if (holder !== undefined) return { ok: false, reason: 'busy', holder: holder.rolloutId, message: neutralText(clusterBusy(holder, store)) };
  const nowDate = new Date();
  const now = nowDate.toISOString();
  const at = nowDate.getTime();
  const claimed = store.claim(record.id, ['awaiting-approval'], { status: 'approved', decidedBy: userId, decidedAt: now, updatedAt: now }, { owner: processOwner('bot'), until: at + LEASE_MS, now: at });
  if (claimed.ok) return { ok: true, rolloutId: record.id };
  if (claimed.reason === 'status') return { ok: false, reason: 'status', message: `Already ${claimed.record?.status ?? 'decided'}` };
  return { ok: false, reason: claimed.reason, holder: claimed.holder.rolloutId, message: neutralText(clusterBusy(claimed.holder, store)) };
}

/** record-cli-run.ts as `liferay-rollout run --db` calls it. */
function cli(requestText: string): Outcome {
  const template = raceRecord('template', requestText);
  if (template.plan === undefined || template.verdict.type !== 'verdict') throw new Error('the race record has no plan');
  const now = new Date();
  const recorded = recordCliRun({ facts: template.facts, nodeFacts: {}, verdict: template.verdict, plan: template.plan, planError: undefined }, store, now, {
    id: `cli-${now.getTime().toString(36)}-${process.pid.toString(36)}`,
    actor: 'cli:race',
    owner: processOwner('cli'),
    leaseMs: LEASE_MS,
  });
  if (recorded.ok) return { ok: true, rolloutId: recorded.value.id };
  const holder = store.locks().find((l) => l.cluster === template.cluster);
  return { ok: false, reason: /is busy/.test(neutralText(recorded.error)) ? 'busy' : 'refused', holder: holder?.rolloutId, message: neutralText(recorded.error) };
}

say({ ready: true, pid: process.pid });
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [cmd = '', ...rest] = line.trim().split(' ');
  if (cmd === 'exit') {
    store.close();
    process.exit(0);
  }
  const tag = rest[0] ?? '';
  say({ begun: tag });
  try {
    // What a check-then-write would have seen: nobody holds the cluster (the other claim is still waiting for the write lock).
    const freeBefore = store.locks().length === 0;
    const outcome = cmd === 'approve' ? approve(tag, 'U0APPROVER') : cmd === 'cli' ? cli(rest.join(' ')) : { ok: false, reason: 'unknown-command', message: line };
    say({ done: tag, freeBefore, ...outcome });
  } catch (error) {
    say({ done: tag, ok: false, reason: 'error', message: messageOf(error) });
  }
});
lines.on('close', () => {
  store.close();
  process.exit(0);
});
