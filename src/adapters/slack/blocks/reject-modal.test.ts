import { describe, expect, it } from 'vitest';
import { validateSlackView } from '../../../../test/support/slack/validate-slack-message.ts';
import { CodedError } from '../../../domain/coded-error.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { parseRejectModalMetadata, rejectModal } from './reject-modal.ts';

const context = { requestId: 'req-42', channelId: 'C0123456', messageTs: '1736160000.000100' };

describe('rejectModal', () => {
  it.each([
    ['with the request text', { ...context, requestText: 'fixpack install dxp-17-7110 on prod', requestedBy: 'U1' }],
    ['without it', context],
    ['with a huge request text', { ...context, requestText: 'p'.repeat(20_000) }],
  ])('is a valid modal %s', (_name, input) => {
    const view = rejectModal(input);
    expect(validateSlackView(view)).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe(ACTION_IDS.rejectReasonModal);
  });

  it('asks for the reason in a plain_text_input', () => {
    const view = rejectModal(context);
    expect(view.blocks.find((b) => b.type === 'input')).toMatchObject({
      block_id: BLOCK_IDS.rejectReason,
      element: { type: 'plain_text_input', action_id: ACTION_IDS.rejectReasonInput, multiline: true, min_length: 1, max_length: 1000 },
    });
  });

  it('carries the request id, channel and message ts in private_metadata', () => {
    const view = rejectModal(context);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual(context);
    expect(parseRejectModalMetadata(view.private_metadata)).toEqual({ ok: true, value: context });
  });

  it.each([
    ['a request id too long', { ...context, requestId: 'r'.repeat(3000) }],
    ['a bad message ts', { ...context, messageTs: 'yesterday' }],
  ])('refuses %s', (_name, input) => {
    expect(() => rejectModal(input)).toThrow(CodedError);
  });

  it.each([
    ['missing', undefined, 'private_metadata is missing'],
    ['not JSON', '{', 'private_metadata is not JSON'],
    ['another shape', JSON.stringify({ requestId: 'r' }), 'private_metadata: channelId'],
  ])('parseRejectModalMetadata refuses %s', (_name, raw, error) => {
    const parsed = parseRejectModalMetadata(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(error);
  });
});
