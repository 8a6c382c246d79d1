import { execFileSync } from 'node:child_process';
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
    ['a value with spaces is quoted for the shell', text`${command('property set portal.name="My Portal" on prod')}`, "liferay-rollout run -- property set 'portal.name=My Portal' on prod"],
    ['shell characters are quoted', text`${command('property set jdbc.default.url=jdbc:mysql://db/x?a=1&b=2 n="Smith & Co" on prod')}`, "liferay-rollout run -- property set 'jdbc.default.url=jdbc:mysql://db/x?a=1&b=2' 'n=Smith & Co' on prod"],
    ['a JVM option with a quote', text`${command('jvm set -Dq="it\'s \\"x\\"" on prod')}`, `liferay-rollout run -- jvm set '-Dq=it'"'"'s "x"' on prod`],
    ['a command without words', text`ask again with ${command('')}`, 'ask again with liferay-rollout run'],
    ['plain words stay as they are', text`a <b> & c`, 'a <b> & c'],
    ['a moment in UTC, named so', text`at ${time('2026-12-03T14:05:09Z', 'seconds')}`, 'at 14:05:09 UTC'],
    ['a moment with its date', text`on ${time('2026-12-03T14:05:09Z', 'date')}`, 'on 2026-12-03 14:05 UTC'],
  ])('%s', (_name, value, expected) => {
    expect(cliText(value)).toBe(expected);
  });

  it.each([
    ['property set portal.name="My Portal" x=\'a & b\' on prod', ['property', 'set', 'portal.name=My Portal', 'x=a & b', 'on', 'prod']],
    ['jvm set -Dfoo="a b" -Dq="$HOME `id` \\"q\\" it\'s \\\\" on prod --dry-run', ['jvm', 'set', '-Dfoo=a b', '-Dq=$HOME `id` "q" it\'s \\', 'on', 'prod', '--dry-run']],
    ['property set company.default.name="Café Zürich" on prod', ['property', 'set', 'company.default.name=Café Zürich', 'on', 'prod']],
  ])('a shown request pastes into a shell as its words: %s', (request, words) => {
    const line = cliText(text`${command(request)}`);
    const argv = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(argv).toEqual(['liferay-rollout', 'run', '--', ...words]);
  });

  it('shows the grammar after the commands that take a request', () => {
    expect(CLI_REQUEST_USAGE.split('\n')[0]).toBe('Usage: liferay-rollout check|plan|run [options] -- <change> on <cluster> [--schema none|compatible|breaking] [--dry-run]');
    expect(CLI_REQUEST_USAGE).not.toContain('/liferay');
  });
});
