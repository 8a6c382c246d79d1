import { canControl, CONTROL_LABELS, type RolloutControl } from '../../domain/approval/can-control.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { HELD, type RolloutRecord } from '../rollout-record.ts';
import type { RolloutResult } from '../run-rollout.ts';
import { clusterBusy } from './cluster-busy.ts';
import { announce, startOwned } from './run-owned.ts';
import type { ServiceDeps } from './service-deps.ts';
import { messageOf } from '../../domain/message-of.ts';

export type ControlOutcome =
  | { readonly ok: true; readonly message: string; readonly record: RolloutRecord; readonly run?: Promise<RolloutResult | undefined> }
  | { readonly ok: false; readonly message: string };

const MODE = { resume: 'resume', retry: 'retry', rollback: 'rollback' } as const;

/**
 * Pause, Abort (a running rollout: its owning run acts between steps), Resume, Retry node, Roll back
 * (a held rollout: this process claims it and runs it) and Leave as is (a held rollout ends, the
 * cluster is free). Approvers only; every control is in the audit trail with its actor.
 */
export function controlRollout(
  input: { readonly rolloutId: string; readonly control: RolloutControl; readonly userId: string; readonly groupIds: readonly string[]; readonly atTerminal?: boolean },
  deps: ServiceDeps,
): ControlOutcome {
  const record = deps.store.get(input.rolloutId);
  if (record === undefined) return { ok: false, message: `No rollout ${input.rolloutId} is known to this store` };
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined) return { ok: false, message: `Cluster ${record.cluster} is no longer in the inventory` };
  const decision = canControl({ policy: cluster.approval, actor: { userId: input.userId, groupIds: input.groupIds }, control: input.control, status: record.status, atTerminal: input.atTerminal === true });
  const nowDate = deps.clock.now();
  const at = nowDate.toISOString();
  const audit = (action: string, detail: string): void => deps.store.audit({ at, rolloutId: record.id, actor: input.userId, action, detail });
  if (!decision.ok) {
    audit(`${input.control} refused`, decision.message);
    return { ok: false, message: decision.message };
  }
  switch (input.control) {
    case 'pause':
    case 'abort': {
      const asked = deps.store.update(record.id, ['approved', 'running'], { control: { kind: input.control, by: input.userId, at }, updatedAt: at });
      if (asked === undefined) return { ok: false, message: 'The rollout is no longer running' };
      audit(input.control, input.control === 'pause' ? 'stop after the node in progress' : 'stop now, after bringing the node in progress back up');
      return {
        ok: true,
        record: asked,
        message: input.control === 'pause' ? 'Pause asked: the rollout stops once the node in progress is back up' : 'Abort asked: the rollout stops after the current step and brings the node in progress back up first',
      };
    }
    case 'leave': {
      const left = deps.store.release(record.id, undefined, HELD, { status: 'left-as-is', control: undefined, decisionNote: `left as it is by ${input.userId}`, updatedAt: at }, true, nowDate.getTime());
      if (left === undefined) return { ok: false, message: 'The rollout is running again or already finished: nothing was changed' };
      const event: RolloutEvent = { type: 'RolloutLeft', at, by: input.userId, summary: `the nodes stay as they are and ${record.cluster} is free for other requests` };
      try {
        announce(left, deps.store.events(record.id), deps);
        deps.store.appendEvent(record.id, event);
      } catch (error) {
        deps.log.warn({ rolloutId: record.id, err: messageOf(error) }, 'could not store the leave event');
      }
      deps.notifier.publish(record.id, event);
      audit('left as is', `${record.cluster} released`);
      return { ok: true, record: left, message: `Left as it is: nothing more runs and ${record.cluster} is free for other requests` };
    }
    case 'resume':
    case 'retry':
    case 'rollback': {
      const now = nowDate.getTime();
      const claimed = deps.store.claim(record.id, HELD, { status: 'running', control: undefined, updatedAt: at }, { owner: deps.owner, until: now + deps.leaseMs, now });
      if (!claimed.ok) {
        if (claimed.reason === 'status') return { ok: false, message: `The rollout is ${claimed.record?.status ?? 'gone'} now: nothing was started` };
        if (claimed.reason === 'owned') {
          const until = claimed.holder.expiresAt === undefined ? '' : ` (its lease runs until ${new Date(claimed.holder.expiresAt).toISOString().slice(11, 19)} UTC)`;
          return { ok: false, message: `The rollout is run by ${claimed.holder.owner ?? 'another process'}${until}: nothing was started` };
        }
        return { ok: false, message: clusterBusy(claimed.holder, deps.store) };
      }
      audit(input.control, CONTROL_LABELS[input.control]);
      const run = startOwned(claimed.record, { mode: MODE[input.control], by: input.userId }, deps);
      return { ok: true, record: claimed.record, run, message: `${CONTROL_LABELS[input.control].charAt(0).toUpperCase()}${CONTROL_LABELS[input.control].slice(1)}: started; every step follows in the thread` };
    }
  }
}
