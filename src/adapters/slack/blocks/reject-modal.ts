import { z } from 'zod';
import { CodedError } from '../../../domain/coded-error.ts';
import { REJECT_REASON_MAX } from '../../../domain/approval/reject-reason.ts';
import type { Result } from '../../../domain/result.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { section } from './block-kit.ts';
import { code, mention } from './mrkdwn.ts';
import type { ModalView } from './slack-message.ts';
import { parseViewMetadata } from './view-metadata.ts';

/** What the modal carries to its `view_submission` (which has no channel): `private_metadata` as JSON. */
export const RejectModalMetadata = z
  .object({
    requestId: z.string().min(1).max(200),
    channelId: z.string().min(1).max(40),
    messageTs: z.string().regex(/^\d{1,20}\.\d{1,10}$/),
  })
  .strict();
export type RejectModalMetadata = z.infer<typeof RejectModalMetadata>;

const PRIVATE_METADATA_MAX = 3000;

export interface RejectModalInput extends RejectModalMetadata {
  /** Canonical request text, shown above the input. */
  readonly requestText?: string | undefined;
  readonly requestedBy?: string | undefined;
}

/** The `view` for `views.open` when Reject is clicked: asks for the reason. */
export function rejectModal(input: RejectModalInput): ModalView {
  const metadata = RejectModalMetadata.safeParse({ requestId: input.requestId, channelId: input.channelId, messageTs: input.messageTs });
  if (!metadata.success) throw new CodedError('invalid_modal_metadata', `reject modal metadata rejected: ${metadata.error.issues.map((i) => i.message).join('; ')}`);
  const privateMetadata = JSON.stringify(metadata.data);
  if (privateMetadata.length > PRIVATE_METADATA_MAX) throw new CodedError('invalid_modal_metadata', `private_metadata of ${privateMetadata.length} characters`);
  const what = input.requestText === undefined ? 'this request' : code(`/liferay ${input.requestText}`, 2000);
  const by = input.requestedBy === undefined ? '' : ` from ${mention(input.requestedBy)}`;
  return {
    type: 'modal',
    callback_id: ACTION_IDS.rejectReasonModal,
    title: { type: 'plain_text', text: 'Reject request' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks: [
      section(`Rejecting ${what}${by}. The reason is posted on the request's message.`),
      {
        type: 'input',
        block_id: BLOCK_IDS.rejectReason,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.rejectReasonInput,
          multiline: true,
          min_length: 1,
          max_length: REJECT_REASON_MAX,
          placeholder: { type: 'plain_text', text: 'e.g. not during business hours; wait for the release on Friday' },
        },
      },
    ],
  };
}

/** The submitted modal's `private_metadata` (untrusted), or why it is not ours. */
export const parseRejectModalMetadata = (raw: unknown): Result<RejectModalMetadata, string> => parseViewMetadata(RejectModalMetadata, raw);
