import type { RichText } from '../text/rich-text.ts';

/** Why a click or a request is turned down; callers branch on it, users read `message`. */
export type DenialCode =
  | 'wrong_channel'
  | 'not_approver'
  | 'not_approver_or_requester'
  | 'not_requester'
  | 'already_answered'
  | 'self_approval'
  | 'awaiting_answers'
  | 'expired'
  | 'already_decided'
  | 'superseded'
  | 'stale_plan'
  | 'dry_run';

/** The answer of a policy check. `message`: one friendly line for an ephemeral reply, channel-neutral. */
export type Decision = { readonly ok: true } | { readonly ok: false; readonly code: DenialCode; readonly message: RichText };

export const allow = (): Decision => ({ ok: true });
export const deny = (code: DenialCode, message: RichText): Decision => ({ ok: false, code, message });
