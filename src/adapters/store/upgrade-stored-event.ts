import type { StepKind } from '../../domain/plan/rollout-step.ts';
import type { RolloutEvent, StepPurpose } from '../../domain/rollout/rollout-event.ts';
import type { StoredEventBody } from './stored-rollout-event.ts';
import { StoredStepKind } from './stored-step-kind.ts';

/**
 * Events stored by bots before the step kind travelled on the event carry it only in the step id
 * (`node2/stop`, `node2/backup#restore`). Read once here, at the edge, so nothing else parses ids.
 */
export function upgradeStoredEvent(event: StoredEventBody): RolloutEvent {
  if (event.type !== 'StepStarted' && event.type !== 'StepSucceeded' && event.type !== 'StepFailed') return event;
  if (event.kind !== undefined && event.purpose !== undefined) return { ...event, kind: event.kind, purpose: event.purpose };
  const [, rest = ''] = event.stepId.split('/');
  const [name = '', suffix] = rest.split('#');
  const legacyRestore = suffix === 'restore';
  const kind: StepKind = legacyRestore && name === 'backup' ? 'restore' : (StoredStepKind.safeParse(name).data ?? 'connect');
  const purpose: StepPurpose = legacyRestore ? 'restore' : 'rollout';
  return { ...event, kind, purpose };
}
