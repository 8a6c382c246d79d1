import { lastRecorded, lastStep } from '../../domain/rollout/last-recorded.ts';
import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { text, type RichText } from '../../domain/text/rich-text.ts';
import { ownedBy } from '../lease-rules.ts';
import type { RolloutStore } from '../ports.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import type { RunOwnership } from '../run-ownership.ts';

/** What telling a gone owner reads: the cluster locks, and this process's runs and view of other processes. */
export type GoneOwnerDeps = { readonly store: Pick<RolloutStore, 'locks'>; readonly ownership: Pick<RunOwnership, 'runs' | 'ownerIsGone'> };

/**
 * The owner of a `running` rollout that no longer runs it: its process is gone (same host) or its
 * lease ran out. Such a rollout is as good as interrupted: it can be resumed, retried, rolled back or
 * left from Slack or the terminal without waiting for a bot to take it over.
 */
export function goneOwner(record: RolloutRecord, deps: GoneOwnerDeps, now: number): { readonly owner: string } | undefined {
  if (record.status !== 'running' || deps.ownership.runs.has(record.id)) return undefined;
  const lock = deps.store.locks().find((l) => l.rolloutId === record.id);
  if (lock === undefined) return undefined;
  const owner = lock.owner ?? 'unknown';
  // Nobody's (no owner, or the lease ran out: the lease rule), or an owner whose process is gone.
  if (ownedBy(lock, undefined, now) || (lock.owner !== undefined && deps.ownership.ownerIsGone(lock.owner))) return { owner };
  return undefined;
}

/** What a run that is gone left, from its events: where it stopped and what it recorded last (its own last posts may be lost). */
export function goneRunAccount(owner: string, events: readonly RolloutEvent[]): RichText {
  const recorded = lastRecorded(events);
  return text`the run that carried it out (${owner}) is gone; it stopped ${lastStep(events)}.${recorded.length === 0 ? '' : text` Last recorded: ${recorded}.`}`;
}
