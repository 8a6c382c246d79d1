import { canControl, CONTROL_LABELS, type RolloutControl } from '../../domain/approval/can-control.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { HELD, type RolloutRecord, type RolloutStatus } from '../rollout-record.ts';
import type { RunOwnership } from '../run-ownership.ts';
import { goneOwner, goneRunAccount } from './gone-owner.ts';
import type { RolloutResult } from '../run-rollout.ts';
import { clusterBusy } from './cluster-busy.ts';
import { announce, startOwned, type StartOwnedDeps } from './run-owned.ts';
import { text, time, type RichText } from '../../domain/text/rich-text.ts';
import { messageOf } from '../../domain/message-of.ts';

export type ControlOutcome =
  | { readonly ok: true; readonly message: RichText; readonly record: RolloutRecord; readonly run?: Promise<RolloutResult | undefined> }
  | { readonly ok: false; readonly message: RichText };

/** What a control reads: the rollout and its cluster's policy, the log, the notifier, and what a run in the background reads (which also claims with this process's lease terms). */
export type ControlDeps = StartOwnedDeps & { readonly ownership: Pick<RunOwnership, 'ownerIsGone'> };

const MODE = { resume: 'resume', retry: 'retry', rollback: 'rollback' } as const;

/**
 * Pause, Abort (a running rollout: its owning run acts between steps), Resume, Retry node, Roll back
 * (a held rollout: this process claims it and runs it) and Leave as is (a held rollout ends, the
 * cluster is free). Approvers only; every control is in the audit trail with its actor.
 */
export function controlRollout(
  input: { readonly rolloutId: string; readonly control: RolloutControl; readonly userId: string; readonly groupIds: readonly string[]; readonly atTerminal?: boolean },
  deps: ControlDeps,
): ControlOutcome {
  const record = deps.store.get(input.rolloutId);
  if (record === undefined) return { ok: false, message: text`No rollout ${input.rolloutId} is known to this store` };
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined) return { ok: false, message: text`Cluster ${record.cluster} is no longer in the inventory` };
  const nowDate = deps.clock.now();
  const gone = goneOwner(record, deps, nowDate.getTime());
  const status = gone === undefined ? record.status : 'interrupted';
  const decision = canControl({ policy: cluster.approval, actor: { userId: input.userId, groupIds: input.groupIds }, control: input.control, status, atTerminal: input.atTerminal === true });
  const at = nowDate.toISOString();
  const audit = (action: string, detail: RichText): void => deps.store.audit({ at, rolloutId: record.id, actor: input.userId, action, detail });
  if (!decision.ok) {
    audit(`${input.control} refused`, decision.message);
    return { ok: false, message: gone === undefined ? decision.message : text`${decision.message}; the run that carried it out (${gone.owner}) is gone` };
  }
  const held: readonly RolloutStatus[] = gone === undefined ? HELD : ['running'];
  const takeOverFrom = gone?.owner;
  // What the run that is gone left: told first in the rollout's thread (its own last posts may be lost), and in the audit trail.
  const prelude = (): RolloutEvent[] => {
    if (gone === undefined) return [];
    const summary = text`${goneRunAccount(gone.owner, deps.store.events(record.id))} Taken over by ${input.userId} to ${CONTROL_LABELS[input.control]}`;
    audit('taken over', summary);
    return [{ type: 'RolloutInterrupted', at, summary }];
  };
  switch (input.control) {
    case 'pause':
    case 'abort': {
      const asked = deps.store.update(record.id, ['approved', 'running'], { control: { kind: input.control, by: input.userId, at }, updatedAt: at });
      if (asked === undefined) return { ok: false, message: text`The rollout is no longer running` };
      audit(input.control, input.control === 'pause' ? text`stop after the node in progress` : text`stop now, after bringing the node in progress back up`);
      return {
        ok: true,
        record: asked,
        message: input.control === 'pause' ? text`Pause asked: the rollout stops once the node in progress is back up` : text`Abort asked: the rollout stops after the current step and brings the node in progress back up first`,
      };
    }
    case 'leave': {
      if (gone !== undefined) {
        const now = nowDate.getTime();
        const claimed = deps.store.claim(record.id, held, { updatedAt: at }, { owner: deps.ownership.owner, until: now + deps.ownership.leaseMs, now, takeOverFrom });
        if (!claimed.ok) return { ok: false, message: text`The rollout is ${claimed.reason === 'status' ? (claimed.record?.status ?? 'gone') : 'run by another process'} now: nothing was changed` };
        for (const event of prelude()) {
          deps.store.appendEvent(record.id, event);
          deps.notifier.publish(record.id, event);
        }
      }
      const left = deps.store.release(record.id, gone === undefined ? undefined : deps.ownership.owner, held, { status: 'left-as-is', control: undefined, decisionNote: `left as it is by ${input.userId}`, updatedAt: at }, true, nowDate.getTime());
      if (left === undefined) return { ok: false, message: text`The rollout is running again or already finished: nothing was changed` };
      const event: RolloutEvent = { type: 'RolloutLeft', at, by: input.userId, summary: text`the nodes stay as they are and ${record.cluster} is free for other requests` };
      try {
        announce(left, deps.store.events(record.id), deps);
        deps.store.appendEvent(record.id, event);
      } catch (error) {
        deps.log.warn({ rolloutId: record.id, err: messageOf(error) }, 'could not store the leave event');
      }
      deps.notifier.publish(record.id, event);
      audit('left as is', text`${record.cluster} released`);
      return { ok: true, record: left, message: text`Left as it is: nothing more runs and ${record.cluster} is free for other requests` };
    }
    case 'resume':
    case 'retry':
    case 'rollback': {
      const now = nowDate.getTime();
      const claimed = deps.store.claim(record.id, held, { status: 'running', control: undefined, updatedAt: at }, { owner: deps.ownership.owner, until: now + deps.ownership.leaseMs, now, takeOverFrom });
      if (!claimed.ok) {
        if (claimed.reason === 'status') return { ok: false, message: text`The rollout is ${claimed.record?.status ?? 'gone'} now: nothing was started` };
        if (claimed.reason === 'owned') {
          const until = claimed.holder.expiresAt === undefined ? '' : text` (its lease runs until ${time(new Date(claimed.holder.expiresAt), 'seconds')})`;
          return { ok: false, message: text`The rollout is run by ${claimed.holder.owner ?? 'another process'}${until}: nothing was started` };
        }
        return { ok: false, message: clusterBusy(claimed.holder, deps.store) };
      }
      audit(input.control, text`${CONTROL_LABELS[input.control]}`);
      const run = startOwned(claimed.record, { mode: MODE[input.control], by: input.userId, prelude: prelude() }, deps);
      return { ok: true, record: claimed.record, run, message: text`${CONTROL_LABELS[input.control].charAt(0).toUpperCase()}${CONTROL_LABELS[input.control].slice(1)}: started; its steps follow as they happen` };
    }
  }
}
