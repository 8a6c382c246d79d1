import { describe, expect, it } from 'vitest';
import { validateSlackMessage, validateSlackView } from './validate-slack-message.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (overrides: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'approve', text: plain('Approve'), value: 'v', ...overrides });
const actions = (elements: unknown[]) => ({ type: 'actions', block_id: 'decision', elements });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const x = (n: number) => 'x'.repeat(n);

describe('validateSlackMessage', () => {
  const valid: ReadonlyArray<[string, { text?: unknown; blocks?: unknown }]> = [
    ['text only', { text: 'hello' }],
    ['50 blocks', { text: 't', blocks: times(50, () => ({ type: 'divider' })) }],
    ['section text of 3000', { text: 't', blocks: [section(x(3000))] }],
    ['10 fields of 2000', { text: 't', blocks: [{ type: 'section', fields: times(10, () => mrkdwn(x(2000))) }] }],
    ['header of 150', { text: 't', blocks: [{ type: 'header', text: plain(x(150)) }] }],
    ['context with 10 elements', { text: 't', blocks: [{ type: 'context', elements: times(10, () => mrkdwn('c')) }] }],
    ['actions with 25 buttons', { text: 't', blocks: [actions(times(25, (i) => button({ action_id: `a${i}` })))] }],
    ['button text 75, value 2000, ids 255', {
      text: 't',
      blocks: [{ ...actions([button({ text: plain(x(75)), value: x(2000), action_id: x(255) })]), block_id: x(255) }],
    }],
    ['section with a button accessory', { text: 't', blocks: [{ ...section('s'), accessory: button() }] }],
  ];

  it.each(valid)('accepts %s', (_label, message) => {
    expect(validateSlackMessage(message)).toEqual([]);
  });

  const invalid: ReadonlyArray<[string, { text?: unknown; blocks?: unknown }, string]> = [
    ['51 blocks', { text: 't', blocks: times(51, () => ({ type: 'divider' })) }, '/blocks: 51 blocks, at most 50'],
    ['section text of 3001', { text: 't', blocks: [section(x(3001))] }, '/blocks/0/text/text: 3001 characters, at most 3000'],
    ['11 fields', { text: 't', blocks: [{ type: 'section', fields: times(11, () => mrkdwn('f')) }] }, '/blocks/0/fields: 11 fields, at most 10'],
    ['a field of 2001', { text: 't', blocks: [{ type: 'section', fields: [mrkdwn(x(2001))] }] }, '/blocks/0/fields/0/text: 2001 characters, at most 2000'],
    ['a section with neither text nor fields', { text: 't', blocks: [{ type: 'section' }] }, '/blocks/0: a section needs text or fields'],
    ['header of 151', { text: 't', blocks: [{ type: 'header', text: plain(x(151)) }] }, '/blocks/0/text/text: 151 characters, at most 150'],
    ['mrkdwn header', { text: 't', blocks: [{ type: 'header', text: mrkdwn('h') }] }, '/blocks/0/text/type: must be plain_text'],
    ['context with 11 elements', { text: 't', blocks: [{ type: 'context', elements: times(11, () => mrkdwn('c')) }] }, '/blocks/0/elements: 11 elements, at most 10'],
    ['actions with 26 elements', { text: 't', blocks: [actions(times(26, (i) => button({ action_id: `a${i}` })))] }, '/blocks/0/elements: 26 elements, at most 25'],
    ['empty actions', { text: 't', blocks: [actions([])] }, '/blocks/0/elements: an actions block needs 1 to 25 elements'],
    ['button text of 76', { text: 't', blocks: [actions([button({ text: plain(x(76)) })])] }, '/blocks/0/elements/0/text/text: 76 characters, at most 75'],
    ['button value of 2001', { text: 't', blocks: [actions([button({ value: x(2001) })])] }, '/blocks/0/elements/0/value: 2001 characters, at most 2000'],
    ['action_id of 256', { text: 't', blocks: [actions([button({ action_id: x(256) })])] }, '/blocks/0/elements/0/action_id: 256 characters, at most 255'],
    ['block_id of 256', { text: 't', blocks: [{ type: 'divider', block_id: x(256) }] }, '/blocks/0/block_id: 256 characters, at most 255'],
    ['duplicate block_id', { text: 't', blocks: [{ type: 'divider', block_id: 'd' }, { type: 'divider', block_id: 'd' }] }, '/blocks/1/block_id: duplicate block_id "d"'],
    ['duplicate action_id in a block', { text: 't', blocks: [actions([button(), button()])] }, '/blocks/0/elements/1/action_id: duplicate action_id "approve"'],
    ['blocks without text', { blocks: [section('s')] }, '/text: is required with blocks (notification and screen-reader fallback)'],
    ['blocks with empty text', { text: '', blocks: [section('s')] }, '/text: is required with blocks (notification and screen-reader fallback)'],
    ['neither text nor blocks', {}, '/text: is required when there are no blocks'],
    ['blocks not an array', { text: 't', blocks: { type: 'divider' } }, '/blocks: must be an array'],
    ['a block without type', { text: 't', blocks: [{ text: mrkdwn('s') }] }, '/blocks/0/type: is required'],
    ['an empty text object', { text: 't', blocks: [section('')] }, '/blocks/0/text/text: must be a non-empty string'],
  ];

  it.each(invalid)('rejects %s', (_label, message, violation) => {
    expect(validateSlackMessage(message)).toContain(violation);
  });
});

describe('validateSlackView', () => {
  const modal = (overrides: Record<string, unknown> = {}) => ({
    type: 'modal',
    callback_id: 'confirm',
    title: plain('Confirm rollout'),
    submit: plain('Run'),
    close: plain('Cancel'),
    private_metadata: '{}',
    blocks: [section('s')],
    ...overrides,
  });

  it.each([
    ['a modal', modal()],
    ['100 blocks', modal({ blocks: times(100, () => ({ type: 'divider' })) })],
    ['titles of 24', modal({ title: plain(x(24)), submit: plain(x(24)), close: plain(x(24)) })],
    ['private_metadata of 3000', modal({ private_metadata: x(3000) })],
    ['a home tab', { type: 'home', blocks: [section('s')] }],
  ])('accepts %s', (_label, view) => {
    expect(validateSlackView(view)).toEqual([]);
  });

  it.each([
    ['101 blocks', modal({ blocks: times(101, () => ({ type: 'divider' })) }), '/blocks: 101 blocks, at most 100'],
    ['title of 25', modal({ title: plain(x(25)) }), '/title/text: 25 characters, at most 24'],
    ['submit of 25', modal({ submit: plain(x(25)) }), '/submit/text: 25 characters, at most 24'],
    ['close of 25', modal({ close: plain(x(25)) }), '/close/text: 25 characters, at most 24'],
    ['private_metadata of 3001', modal({ private_metadata: x(3001) }), '/private_metadata: 3001 characters, at most 3000'],
    ['missing title', modal({ title: undefined }), '/title: a text object is required'],
    ['inputs without submit', modal({ submit: undefined, blocks: [{ type: 'input', label: plain('Reason'), element: { type: 'plain_text_input', action_id: 'r' } }] }), '/submit: is required when the modal has input blocks'],
    ['unknown type', modal({ type: 'dialog' }), '/type: must be modal or home'],
    ['a bad block inside', modal({ blocks: [section(x(3001))] }), '/blocks/0/text/text: 3001 characters, at most 3000'],
  ])('rejects %s', (_label, view, violation) => {
    expect(validateSlackView(view)).toContain(violation);
  });
});
