import { group, joinText, text, user, type RichText, type TextPart } from '../text/rich-text.ts';

/** How long an approval request stays open when the inventory does not say. */
export const DEFAULT_APPROVAL_TTL_MINUTES = 60;

/** Who may request and approve maintenance of one cluster (from the inventory, already validated). */
export interface ApprovalPolicy {
  /** Slack user ids (`U…`/`W…`) allowed to approve. */
  readonly approverUserIds: readonly string[];
  /** Slack user-group ids (`S…`); the caller resolves the clicker's memberships through the Web API. */
  readonly approverGroupIds: readonly string[];
  /** May the requester approve their own request? */
  readonly allowSelfApproval: boolean;
  /** Minutes from the request until its approval buttons stop working. */
  readonly approvalTtlMinutes: number;
  /** Slack channel ids requests for this cluster are taken in. */
  readonly channels: readonly string[];
  /** The cluster's name, for messages ("Only approvers of prod …"); `this cluster` when absent. */
  readonly cluster?: string;
}

/** A Slack user as a decision sees them: their id and the user groups they belong to. */
export interface Actor {
  readonly userId: string;
  readonly groupIds: readonly string[];
}

export const clusterLabel = (policy: ApprovalPolicy): string => policy.cluster ?? 'this cluster';

export function isApprover(policy: ApprovalPolicy, actor: Actor): boolean {
  return policy.approverUserIds.includes(actor.userId) || actor.groupIds.some((group) => policy.approverGroupIds.includes(group));
}

const MAX_LISTED = 10;

function list(label: string, mentions: readonly TextPart[]): RichText {
  const shown = joinText(mentions.slice(0, MAX_LISTED), ', ');
  const more = mentions.length > MAX_LISTED ? ` and ${mentions.length - MAX_LISTED} more` : '';
  return text`${label}${mentions.length === 1 ? '' : 's'} ${shown}${more}`;
}

/** `users U1, U2, group S1` as people and groups (Slack: `users <@U1>, <@U2>, group <!subteam^S1>`), or `none configured`. */
export function describeApprovers(policy: ApprovalPolicy): RichText {
  const parts = [
    ...(policy.approverUserIds.length > 0 ? [list('user', policy.approverUserIds.map(user))] : []),
    ...(policy.approverGroupIds.length > 0 ? [list('group', policy.approverGroupIds.map(group))] : []),
  ];
  return parts.length > 0 ? joinText(parts, ', ') : text`none configured`;
}
