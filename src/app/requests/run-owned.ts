import { wayBack } from '../../domain/rollout/way-back.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { RolloutEvent, RunMode } from '../../domain/rollout/rollout-event.ts';
import type { StepDeps } from '../node-context.ts';
import type { RunControl } from '../ports.ts';
import { FINISHED, type RolloutRecord, type RolloutStatus } from '../rollout-record.ts';
import type { LeaseTerms, RunOwnership } from '../run-ownership.ts';
import { runRollout, type RolloutResult } from '../run-rollout.ts';
import type { ServiceDeps } from './service-deps.ts';
import { neutralText } from '../../domain/text/rich-text.ts';
import { messageOf } from '../../domain/message-of.ts';

const STATUS_OF: Readonly<Record<Exclude<RolloutResult['outcome'], 'lost'>, RolloutStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  paused: 'paused',
  interrupted: 'interrupted',
  'rolled-back': 'rolled-back',
};

/** What announcing reads: the cluster (its paths, for the way back) and the notifier. */
export type AnnounceDeps = Pick<ServiceDeps, 'clusters' | 'notifier'>;

/**
 * What a run reads: the cluster, the store (events, lease, outcome), time, the log, the notifier,
 * this process's lease terms and shutdown, and what the runner's steps read.
 */
export type RunOwnedDeps = Pick<ServiceDeps, 'clusters' | 'store' | 'clock' | 'log' | 'notifier'> & { readonly ownership: LeaseTerms & Pick<RunOwnership, 'shutdown'> } & StepDeps;

/** What a run in the background reads besides: the runs this process carries out. */
export type StartOwnedDeps = RunOwnedDeps & { readonly ownership: Pick<RunOwnership, 'runs'> };

/** Registers the rollout with the notifier (its message becomes the board), rebuilt from `past` events. */
export function announce(record: RolloutRecord, past: readonly RolloutEvent[], deps: AnnounceDeps): void {
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined || record.plan === undefined || record.channelId === undefined || record.messageTs === undefined) return;
  const paths = nodePaths(cluster.spec.nodes[0]?.liferayHome ?? '/', cluster.spec.tomcatDir, record.id);
  deps.notifier.begin(
    {
      rolloutId: record.id,
      channelId: record.channelId,
      messageTs: record.messageTs,
      plan: record.plan,
      requestedBy: record.requestedBy,
      approvedBy: record.decidedBy,
      wayBack: wayBack(record.request, record.facts, paths).text,
    },
    past,
  );
}

export interface OwnedRun {
  /** `start` for an approved request; the others continue a rollout from its stored events. */
  readonly mode: 'start' | RunMode;
  /** Who asked for this run (`bot` for a recovery). */
  readonly by: string;
  /** Events to put at the head of this run (e.g. the back-filled account of a restart). */
  readonly prelude?: readonly RolloutEvent[];
}

/**
 * Runs a rollout this process has claimed (status `running`, owned by `deps.ownership.owner`): renews the
 * lease while it runs, hands the run the pause/abort someone stores and the process's shutdown,
 * stores every event and shows it, then records the outcome and releases the lease (and the cluster
 * lock when the rollout is over). A store that fails mid-run stops the run at a safe point; the
 * outcome is still shown and logged, and the next start puts the record right.
 */
export async function runOwned(record: RolloutRecord, run: OwnedRun, deps: RunOwnedDeps): Promise<RolloutResult | undefined> {
  const { owner, leaseMs, shutdown } = deps.ownership;
  const cluster = deps.clusters.get(record.cluster);
  const plan = record.plan;
  if (cluster === undefined || plan === undefined) return undefined;
  const id = record.id;
  const past = run.mode === 'start' ? [] : deps.store.events(id);
  announce(record, past, deps);
  let lost: string | undefined;
  // The caller claimed the rollout for this process just before (approval, a control, recovery).
  let leaseUntil = deps.clock.now().getTime() + leaseMs;
  // A renewal blocks this process while another connection holds the store's write lock (up to the
  // store's busy time-out): one that took d ms is not tried again for another d ms, so the run
  // keeps at least half the time to bring its node back up. (Back to back, they froze the run with
  // its node down: an interval shorter than the time-out fired again at once, and every step renewed
  // again once a third of the lease was used.) A quick renewal, failed or not, changes nothing.
  let renewDueAt = 0;
  const renew = (): void => {
    const until = deps.clock.now().getTime() + leaseMs;
    const began = Date.now();
    try {
      if (deps.store.renewLease(id, owner, until)) leaseUntil = until;
      else lost = 'this process no longer owns the rollout (its lease ran out and another process took it over)';
    } catch (error) {
      deps.log.warn({ rolloutId: id, err: messageOf(error) }, 'could not renew the rollout lease');
    }
    const took = Date.now() - began;
    renewDueAt = Date.now() + took;
  };
  /** Whether it tried. */
  const renewIfDue = (): boolean => {
    if (lost !== undefined || Date.now() < renewDueAt) return false;
    renew();
    return true;
  };
  const control: RunControl = {
    requested: () => {
      if (shutdown.requested) return shutdown.as ?? { cause: 'shutdown' };
      try {
        const asked = deps.store.get(id)?.control;
        return asked === undefined ? undefined : { cause: asked.kind, by: asked.by };
      } catch {
        return undefined;
      }
    },
    lost: () => {
      // Before a step, on the run's own clock: renewed once a third of the lease is used (the timer covers long steps), and
      // lost once it ran out unrenewed (the store out of reach), as another process may then take the rollout over.
      const tried = deps.clock.now().getTime() >= leaseUntil - (2 * leaseMs) / 3 && renewIfDue();
      // One last try at the end of the lease, whatever the pacing says: the pacing is on the wall clock and a step can take
      // longer on the run's own clock than a slow renewal's wait (the owner check in the store keeps a late renewal safe).
      if (lost === undefined && !tried && deps.clock.now().getTime() >= leaseUntil) renew();
      if (lost === undefined && deps.clock.now().getTime() >= leaseUntil) lost = 'its lease ran out while the store could not be reached to renew it';
      return lost;
    },
  };
  const record_ = (event: RolloutEvent): void => {
    deps.store.appendEvent(id, event);
  };
  const show = (event: RolloutEvent): void => deps.notifier.publish(id, event);
  let storeOk = true;
  for (const event of run.prelude ?? []) {
    try {
      record_(event);
    } catch {
      storeOk = false;
    }
    show(event);
  }
  const timer = setInterval(renewIfDue, Math.max(100, Math.floor(leaseMs / 3)));
  timer.unref();
  let result: RolloutResult;
  try {
    result = await runRollout(
      {
        rolloutId: id,
        plan,
        cluster: cluster.spec,
        targets: cluster.targets,
        expectedFacts: record.facts,
        mode: run.mode,
        by: run.by,
        past: [...past, ...(run.prelude ?? [])],
        afterRestart: cluster.afterRestart,
        record: (event) => {
          if (!storeOk) throw new Error('the store failed earlier in this run');
          record_(event);
        },
        onEvent: show,
        control,
      },
      deps,
    );
  } finally {
    clearInterval(timer);
  }
  if (result.outcome === 'lost') return result;
  const status = STATUS_OF[result.outcome];
  const at = deps.clock.now();
  try {
    const released = deps.store.release(id, owner, ['running'], { status, control: undefined, outcomeNote: result.summary, updatedAt: at.toISOString() }, FINISHED.includes(status), at.getTime());
    if (released === undefined) deps.log.warn({ rolloutId: id, status }, 'the rollout was not ours any more when it ended: its outcome was not recorded');
    deps.store.audit({ at: at.toISOString(), rolloutId: id, actor: 'bot', action: `rollout ${status}`, detail: result.summary });
  } catch (error) {
    deps.log.error({ rolloutId: id, status, summary: neutralText(result.summary), err: messageOf(error) }, 'the store failed: the outcome is not recorded; the next start puts it right');
  }
  deps.log.info({ rolloutId: id, outcome: result.outcome, durationMs: result.durationMs }, 'rollout run ended');
  await deps.notifier.flush(id);
  return result;
}

/** Runs it in the background, registered in `deps.ownership.runs` until it ends (shutdown waits for these). */
export function startOwned(record: RolloutRecord, run: OwnedRun, deps: StartOwnedDeps): Promise<RolloutResult | undefined> {
  const work = runOwned(record, run, deps)
    .catch((error: unknown) => {
      deps.log.error({ rolloutId: record.id, err: error instanceof Error ? error.stack : String(error) }, 'rollout run crashed');
      return undefined;
    })
    .finally(() => deps.ownership.runs.delete(record.id));
  deps.ownership.runs.set(record.id, work);
  return work;
}
