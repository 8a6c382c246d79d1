import { describe, expect, it } from 'vitest';
import { channel, command, group, text, time, user, type RichText } from '../../domain/text/rich-text.ts';
import { CLI_REQUEST_USAGE, cliText } from './render-text.ts';

describe('cliText', () => {
  it.each<[string, RichText, string]>([
    ['a person by their id', text`Already approved by ${user('U0123ANA')}`, 'Already approved by U0123ANA'],
    ['a terminal actor as it is', text`approved by ${'cli:alice@host'}`, 'approved by cli:alice@host'],
    ['a user group by its id', text`group ${group('S0001')}`, 'group S0001'],
    ['a channel', text`only in ${channel('C0001')}`, 'only in #C0001'],
    ['a request as a run of the CLI', text`Way back: ${command('fixpack revert dxp-3 on prod')}`, 'Way back: liferay-rollout run -- fixpack revert dxp-3 on prod'],
    ['a request with flags keeps them after --', text`${command('module update x.jar on prod --schema none')}`, 'liferay-rollout run -- module update x.jar on prod --schema none'],
    ['status is a command of its own', text`(${command('status [cluster]')})`, '(liferay-rollout status [cluster])'],
    ['help is a command of its own', text`${command('help')}`, 'liferay-rollout help'],
    ['a command without words', text`ask again with ${command('')}`, 'ask again with liferay-rollout run'],
    ['plain words stay as they are', text`a <b> & c`, 'a <b> & c'],
    ['a moment in UTC, named so', text`at ${time('2026-12-03T14:05:09Z', 'seconds')}`, 'at 14:05:09 UTC'],
    ['a moment with its date', text`on ${time('2026-12-03T14:05:09Z', 'date')}`, 'on 2026-12-03 14:05 UTC'],
  ])('%s', (_name, value, expected) => {
    expect(cliText(value)).toBe(expected);
  });

  it('shows the grammar after the commands that take a request', () => {
    expect(CLI_REQUEST_USAGE.split('\n')[0]).toBe('Usage: liferay-rollout check|plan|run [options] -- <change> on <cluster> [--schema none|compatible|breaking] [--dry-run]');
    expect(CLI_REQUEST_USAGE).not.toContain('/liferay');
  });
});
