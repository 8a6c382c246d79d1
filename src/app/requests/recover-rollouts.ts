import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { replay } from '../../domain/rollout/rollout-state.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import type { RolloutResult } from '../run-rollout.ts';
import type { RunOwnership } from '../run-ownership.ts';
import { goneRunAccount } from './gone-owner.ts';
import { startOwned, type StartOwnedDeps } from './run-owned.ts';
import { text, type RichText } from '../../domain/text/rich-text.ts';
import { messageOf } from '../../domain/message-of.ts';

/** What recovery reads: the locks and records, the clusters, time, the log, all of this process's ownership (whether an owner is gone included), and what a run in the background reads. */
export type RecoverDeps = StartOwnedDeps & { readonly ownership: RunOwnership };

export interface Recovered {
  readonly record: RolloutRecord;
  readonly run: Promise<RolloutResult | undefined>;
}

/**
 * At start (and then now and again): every rollout that should be running but whose owner is gone
 * (its process died on this host, or its lease ran out) is taken over, as a Kubernetes controller
 * would: the nodes are probed, a node left stopped or half-changed is finished or put back, and the
 * rollout continues or holds as its cluster's `afterRestart` says. A rollout paused by a graceful
 * shutdown resumes. A run that is alive elsewhere (a CLI run renewing its lease) is left alone.
 */
export function recoverRollouts(deps: RecoverDeps): Recovered[] {
  const out: Recovered[] = [];
  let locks;
  try {
    locks = deps.store.locks();
  } catch (error) {
    deps.log.error({ err: messageOf(error) }, 'cannot read the cluster locks: no recovery this time');
    return out;
  }
  for (const lock of locks) {
    if (deps.ownership.runs.has(lock.rolloutId)) continue;
    let record: RolloutRecord | undefined;
    let events: RolloutEvent[];
    try {
      record = deps.store.get(lock.rolloutId);
      events = record === undefined ? [] : deps.store.events(lock.rolloutId);
    } catch (error) {
      deps.log.error({ rolloutId: lock.rolloutId, err: messageOf(error) }, 'a stored rollout cannot be read: it is left out of recovery');
      continue;
    }
    if (record === undefined || record.plan === undefined || !deps.clusters.has(record.cluster)) continue;
    const state = replay(record.plan.nodes, events);
    const pausedByShutdown = record.status === 'paused' && state.stopCause === 'shutdown' && deps.clusters.get(record.cluster)?.afterRestart === 'resume';
    if (record.status !== 'approved' && record.status !== 'running' && !pausedByShutdown) continue;
    const now = deps.clock.now();
    const gone = lock.owner !== undefined && deps.ownership.ownerIsGone(lock.owner) ? lock.owner : undefined;
    const claimed = deps.store.claim(record.id, [record.status], { status: 'running', control: undefined, updatedAt: now.toISOString() }, { owner: deps.ownership.owner, until: now.getTime() + deps.ownership.leaseMs, now: now.getTime(), takeOverFrom: gone });
    if (!claimed.ok) {
      if (claimed.reason === 'owned') deps.log.info({ rolloutId: record.id, owner: claimed.holder.owner }, 'rollout run by a live process elsewhere: left alone');
      continue;
    }
    const at = now.toISOString();
    const audit = (action: string, detail: RichText): void => deps.store.audit({ at, rolloutId: record.id, actor: 'bot', action, detail });
    let run: Promise<RolloutResult | undefined>;
    if (record.status === 'approved') {
      audit('started after a restart', text`approved before the bot restarted; no node had been touched`);
      run = startOwned(claimed.record, { mode: 'start', by: record.decidedBy ?? 'bot' }, deps);
    } else if (pausedByShutdown) {
      audit('resumed after a restart', text`paused by the graceful shutdown of the bot`);
      run = startOwned(claimed.record, { mode: 'resume', by: 'bot' }, deps);
    } else {
      const summary = text`${goneRunAccount(lock.owner ?? 'unknown', events)} The bot now finds where every node stands, then ${
        deps.clusters.get(record.cluster)?.afterRestart === 'ask' ? 'brings any node left behind back up and waits for a decision' : 'finishes or puts back the node in progress and continues'
      }`;
      audit('recovering', summary);
      deps.log.warn({ rolloutId: record.id, cluster: record.cluster, previousOwner: lock.owner }, 'taking over an interrupted rollout');
      run = startOwned(claimed.record, { mode: 'recover', by: 'bot', prelude: [{ type: 'RolloutInterrupted', at, summary }] }, deps);
    }
    out.push({ record: claimed.record, run });
  }
  return out;
}
