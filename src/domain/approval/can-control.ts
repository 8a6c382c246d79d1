import { clusterLabel, describeApprovers, isApprover, type Actor, type ApprovalPolicy } from './approval-policy.ts';
import { allow, deny, type Decision } from './decision.ts';
import { text } from '../text/rich-text.ts';

/** What someone can do to a rollout once it runs or has stopped. */
export type RolloutControl = 'pause' | 'abort' | 'resume' | 'retry' | 'rollback' | 'leave';

export const CONTROL_LABELS: Readonly<Record<RolloutControl, string>> = {
  pause: 'pause after the node in progress',
  abort: 'abort',
  resume: 'resume',
  retry: 'retry the node',
  rollback: 'roll back the changed nodes',
  leave: 'leave it as it is',
};

/** Which controls a rollout in this status offers. */
export function controlsFor(status: string): readonly RolloutControl[] {
  switch (status) {
    case 'approved':
    case 'running':
      return ['pause', 'abort'];
    case 'failed':
    case 'interrupted':
      return ['resume', 'retry', 'rollback', 'leave'];
    case 'paused':
      return ['resume', 'rollback', 'leave'];
    default:
      return [];
  }
}

/**
 * May this actor use this control on a rollout in this status? Approvers only (a terminal user of
 * the CLI, who holds the SSH keys, counts as one); the control must fit the status.
 */
export function canControl(input: { readonly policy: ApprovalPolicy; readonly actor: Actor; readonly control: RolloutControl; readonly status: string; readonly atTerminal?: boolean }): Decision {
  const { policy, actor, control, status } = input;
  if (input.atTerminal !== true && !isApprover(policy, actor)) {
    return deny('not_approver', text`Only approvers of ${clusterLabel(policy)} can ${CONTROL_LABELS[control]} (${describeApprovers(policy)})`);
  }
  const offered = controlsFor(status);
  if (!offered.includes(control)) {
    const now = offered.length === 0 ? 'nothing more can be done to it' : `it can: ${offered.map((c) => CONTROL_LABELS[c]).join(', ')}`;
    return deny('already_decided', text`This rollout is ${status}: it cannot ${CONTROL_LABELS[control]} now (${now})`);
  }
  return allow();
}
