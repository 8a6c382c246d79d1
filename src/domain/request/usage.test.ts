import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command.ts';
import { requestUsage } from './usage.ts';

const USAGE = requestUsage('/liferay');

const lines = USAGE.split('\n');
const examples = lines.flatMap((line) => {
  const match = /^\s+(\S.*?)\s{2,}e\.g\. (.+)$/.exec(line);
  return match?.[1] !== undefined && match[2] !== undefined ? [[match[1], match[2]] as const] : [];
});

describe('requestUsage', () => {
  it('starts with the program the channel names', () => {
    expect(requestUsage('liferay-rollout run --').split('\n')[0]).toMatch(/^Usage: liferay-rollout run -- <change> on <cluster>/);
  });

  it('is short enough for a Slack ephemeral message', () => {
    expect(lines.length).toBeLessThanOrEqual(16);
    expect(USAGE.length).toBeLessThan(1500);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(110);
  });

  it.each(['fixpack', 'hotfix', 'module', 'plugin', 'property set', 'property unset', 'config', 'jvm', 'java', 'release', 'commerce'])('has an example for %s', (form) => {
    expect(examples.some(([, example]) => example.startsWith(`${form} `))).toBe(true);
  });

  it.each(['on <cluster>', '--schema none|compatible|breaking', '--dry-run', 'help', 'status [cluster]', 'history [cluster]'])('mentions %j', (text) => {
    expect(USAGE).toContain(text);
  });

  it.each(examples)('example for %j parses: %j', (_form, example) => {
    expect(parseCommand(example)).toMatchObject({ ok: true, value: { type: 'change' } });
  });
});
