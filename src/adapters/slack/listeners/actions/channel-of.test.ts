import { describe, expect, it } from 'vitest';
import { channelOf } from './channel-of.ts';

describe('channelOf', () => {
  it.each<[string, Parameters<typeof channelOf>[0], string | undefined]>([
    ['the payload names the channel', { channel: { id: 'C1', name: 'ops' }, container: { type: 'message', channel_id: 'C2' } }, 'C1'],
    ['only the message container does', { container: { type: 'message', channel_id: 'C2' } }, 'C2'],
    ['neither does (a modal)', { container: { type: 'view', view_id: 'V1' } }, undefined],
    ['the container names it oddly', { container: { type: 'message', channel_id: 42 } }, undefined],
  ])('%s', (_, body, channel) => {
    expect(channelOf(body)).toBe(channel);
  });
});
