import { describe, expect, it } from 'vitest';
import { actor, command, group, joinText, neutralText, text, user, type RichText, time } from './rich-text.ts';

describe('text (the tagged template)', () => {
  it.each<[string, RichText, RichText]>([
    ['plain words only', text`Already approved`, ['Already approved']],
    ['a person in the middle', text`Only ${user('U1')}, who asked`, ['Only ', { user: 'U1' }, ', who asked']],
    ['strings and numbers merge with the words around them', text`expired ${12} minutes ${'ago'}`, ['expired 12 minutes ago']],
    ['a nested text is flattened', text`Only approvers (${text`user ${user('U1')}`})`, ['Only approvers (user ', { user: 'U1' }, ')']],
    ['empty strings leave nothing', text`${''}${command('help')}${''}`, [{ command: 'help' }]],
    ['a group and a command', text`group ${group('S1')}: ${command('fixpack revert dxp-3 on prod')}`, ['group ', { group: 'S1' }, ': ', { command: 'fixpack revert dxp-3 on prod' }]],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('joins parts and texts with a separator', () => {
    expect(joinText([user('U1'), user('U2'), text`group ${group('S1')}`], ', ')).toEqual([{ user: 'U1' }, ', ', { user: 'U2' }, ', group ', { group: 'S1' }]);
  });
});

describe('actor', () => {
  it.each([
    ['a Slack user id', 'U0123ABC', { user: 'U0123ABC' }],
    ['an enterprise user id', 'W0123ABC', { user: 'W0123ABC' }],
    ['a terminal user', 'cli:alice@host', 'cli:alice@host'],
    ['the bot', 'bot', 'bot'],
    ['a lower-case name', 'u1', 'u1'],
  ])('%s is %o', (_name, id, part) => {
    expect(actor(id)).toEqual(part);
  });
});

describe('neutralText', () => {
  it('shows people and groups by id and commands by their words', () => {
    expect(neutralText(text`by ${user('U1')} (${group('S1')}): ${command('status prod')}`)).toBe('by U1 (S1): status prod');
  });

  it('shows a moment in UTC, and "?" for one that does not parse', () => {
    expect(neutralText(text`at ${time('2026-12-03T14:05:00Z')}, then ${time('never')}`)).toBe('at 14:05 UTC, then ?');
  });
});
