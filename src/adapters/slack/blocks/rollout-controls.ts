import { controlsFor, type RolloutControl } from '../../../domain/approval/can-control.ts';
import type { RolloutState } from '../../../domain/rollout/rollout-state.ts';
import { actions, button } from './block-kit.ts';
import { BLOCK_IDS, CONTROL_ACTION_IDS } from './action-ids.ts';
import { cutLine } from './cut-text.ts';
import type { Block, Button } from './slack-message.ts';

/** Slack cuts button texts around 30 characters on narrow screens: ours stay within. */
export const CONTROL_TEXT_MAX = 30;

const confirm = (title: string, text: string, yes: string): Button['confirm'] => ({
  title: { type: 'plain_text', text: title },
  text: { type: 'mrkdwn', text },
  confirm: { type: 'plain_text', text: yes },
  deny: { type: 'plain_text', text: 'Cancel' },
});

function controlButton(control: RolloutControl, rolloutId: string, state: RolloutState): Button {
  const value = rolloutId;
  const failedNode = state.failure?.node;
  const changed = Object.values(state.nodes).filter((n) => n.changed || n.touched).length;
  switch (control) {
    case 'pause':
      return button({ actionId: CONTROL_ACTION_IDS.pause, text: 'Pause after this node', value });
    case 'abort':
      return button({
        actionId: CONTROL_ACTION_IDS.abort,
        text: 'Abort',
        style: 'danger',
        value,
        confirm: confirm('Abort the rollout?', 'It stops after the current step and brings the node in progress back up first. Nothing is left down.', 'Abort'),
      });
    case 'resume':
      return button({
        actionId: CONTROL_ACTION_IDS.resume,
        text: 'Resume',
        style: 'primary',
        value,
        confirm: confirm('Resume the rollout?', 'It finds where every node stands, then goes on from the first node not yet done, one node at a time.', 'Resume'),
      });
    case 'retry':
      return button({
        actionId: CONTROL_ACTION_IDS.retry,
        text: failedNode === undefined ? 'Retry node' : cutLine(`Retry ${failedNode}`, CONTROL_TEXT_MAX),
        value,
        confirm: confirm('Retry the node?', 'It runs that node again, then waits for a decision before the next node.', 'Retry'),
      });
    case 'rollback':
      return button({
        actionId: CONTROL_ACTION_IDS.rollback,
        text: changed === 1 ? 'Roll back 1 node' : `Roll back ${changed} nodes`,
        value,
        confirm: confirm('Roll back?', 'Every node that has the change gets its backup back, one node at a time.', 'Roll back'),
      });
    case 'leave':
      return button({
        actionId: CONTROL_ACTION_IDS.leave,
        text: 'Leave as is',
        value,
        confirm: confirm('Leave the cluster as it is?', 'Nothing more runs and the cluster is free for other requests. The nodes stay as they are now.', 'Leave as is'),
      });
  }
}

/** The buttons a rollout in this state offers its approvers (none when it is over). */
export function rolloutControls(rolloutId: string, state: RolloutState): Block[] {
  const status = state.status === 'pending' ? 'approved' : state.status;
  const changed = Object.values(state.nodes).some((n) => n.changed || n.touched);
  // Nothing to roll back when no node was touched; retry needs a node to retry.
  const offered = controlsFor(status).filter((c) => (c !== 'rollback' || changed) && (c !== 'retry' || state.failure !== undefined));
  if (offered.length === 0) return [];
  return [actions(`${BLOCK_IDS.controls}:${rolloutId}`.slice(0, 255), offered.map((c) => controlButton(c, rolloutId, state)))];
}
