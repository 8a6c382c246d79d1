import { describe, expect, it } from 'vitest';
import { channel, command, group, text, time, user, type RichText } from '../../domain/text/rich-text.ts';
import { SLACK_USAGE, slackLine, slackText } from './render-text.ts';

describe('slackText', () => {
  it.each<[string, RichText, string]>([
    ['a person', text`Already approved by ${user('U0123ANA')}`, 'Already approved by <@U0123ANA>'],
    ['a user group', text`group ${group('S0001')}`, 'group <!subteam^S0001>'],
    ['a channel', text`only in ${channel('C0001')}`, 'only in <#C0001>'],
    ['a request command', text`ask again with ${command('fixpack install dxp-17-7110 on prod')}`, 'ask again with /liferay fixpack install dxp-17-7110 on prod'],
    ['a command without words', text`ask again with ${command('')}`, 'ask again with /liferay'],
    ['plain words are escaped, never markup', text`no <!channel> & <@U1> here`, 'no &lt;!channel&gt; &amp; &lt;@U1&gt; here'],
    ['an id that is not a Slack id is escaped', text`by ${user('<!here>')} and ${group('x&y')}`, 'by &lt;!here&gt; and x&amp;y'],
    ['a moment in the reader\'s own time zone', text`at ${time('2026-12-03T14:05:09Z', 'seconds')}`, 'at <!date^1796306709^{time_secs}|14:05:09 UTC>'],
    ['a command is escaped', text`${command('property set a=<b> on prod')}`, '/liferay property set a=&lt;b&gt; on prod'],
  ])('%s', (_name, value, expected) => {
    expect(slackText(value)).toBe(expected);
  });

  it('cuts a long text without splitting a mention or an escape', () => {
    const value = text`${'a'.repeat(20)} ${user('U0123ANA')} & more words`;
    expect(slackLine(value, 200)).toBe(slackText(value));
    expect(slackLine(value, 25)).toBe(`${'a'.repeat(20)} …`);
    expect(slackLine(text`${'a'.repeat(20)} & b`, 24)).toBe(`${'a'.repeat(20)} …`);
    for (let max = 1; max < 45; max += 1) {
      const cut = slackLine(value, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/<@[A-Z0-9]*$|&[a-z]*$/);
    }
  });

  it('shows the grammar after /liferay', () => {
    expect(SLACK_USAGE.split('\n')[0]).toBe('Usage: /liferay <change> on <cluster> [--schema none|compatible|breaking] [--dry-run]');
  });
});
