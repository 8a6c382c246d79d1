import { clusterLabel, type ApprovalPolicy } from './approval-policy.ts';
import { allow, deny, type Decision } from './decision.ts';
import { channel, joinText, text } from '../text/rich-text.ts';

const MAX_LISTED = 10;

/** Requests for a cluster are taken only in its configured channels. */
export function canRequest(policy: ApprovalPolicy, channelId: string): Decision {
  if (policy.channels.includes(channelId)) return allow();
  const cluster = clusterLabel(policy);
  if (policy.channels.length === 0) {
    return deny('wrong_channel', text`No channel may request maintenance of ${cluster}: add one under its channels in the inventory`);
  }
  const shown = joinText(policy.channels.slice(0, MAX_LISTED).map(channel), ', ');
  const more = policy.channels.length > MAX_LISTED ? ` and ${policy.channels.length - MAX_LISTED} more` : '';
  return deny('wrong_channel', text`Requests for ${cluster} are taken only in ${shown}${more}: ask there`);
}
