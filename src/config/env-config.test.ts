import { describe, expect, it } from 'vitest';
import { loadCliEnv, loadEnvConfig, loadEnvFiles } from './env-config.ts';

const good = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef', INVENTORY: 'inventory.yml' };

describe('loadEnvConfig', () => {
  it('accepts a minimal HTTP-mode environment with defaults', () => {
    const result = loadEnvConfig(good);
    expect(result.ok && result.value).toMatchObject({ PORT: 3000, DATABASE: './liferay-rollout.sqlite', LOG_LEVEL: 'info' });
  });

  it('needs no signing secret in Socket Mode', () => {
    const { SLACK_SIGNING_SECRET: _unused, ...socket } = { ...good, SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' };
    expect(loadEnvConfig(socket).ok).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadEnvConfig({ ...good, SLACK_APP_TOKEN: '' }).ok).toBe(true);
  });

  it.each([
    ['nothing set', {}, ['SLACK_BOT_TOKEN: is not set', 'SLACK_SIGNING_SECRET: is not set', 'INVENTORY: is not set']],
    ['a user token', { ...good, SLACK_BOT_TOKEN: 'xoxp-1' }, ['SLACK_BOT_TOKEN: must be a bot token (xoxb-...)']],
    ['a bad app token and port', { ...good, SLACK_APP_TOKEN: 'xoxb-2', PORT: '70000' }, ['SLACK_APP_TOKEN', 'PORT']],
    ['a bad API URL', { ...good, SLACK_API_URL: 'not a url' }, ['SLACK_API_URL']],
    ['HTTP mode without a signing secret', { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', INVENTORY: 'inventory.yml' }, ['SLACK_SIGNING_SECRET: is not set (HTTP mode needs it']],
  ])('lists every problem: %s', (_name, env, expected) => {
    const result = loadEnvConfig(env);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.error;
    for (const e of expected) expect(problems.some((p) => p.startsWith(e))).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });
});

describe('loadEnvFiles', () => {
  it.each([
    ['both set', { INVENTORY: 'inv.yml', CATALOG: 'cat.json' }, { INVENTORY: 'inv.yml', CATALOG: 'cat.json' }],
    ['only the inventory', { INVENTORY: 'inv.yml' }, { INVENTORY: 'inv.yml' }],
    ['empty values are unset', { INVENTORY: '', CATALOG: '' }, {}],
    ['nothing set', {}, {}],
    ['read even when the rest of the environment is wrong', { SLACK_BOT_TOKEN: 'xoxp-1', PORT: 'x', INVENTORY: 'inv.yml' }, { INVENTORY: 'inv.yml' }],
  ])('%s', (_name, env, expected) => {
    expect(loadEnvFiles(env)).toEqual(expected);
  });

  it('gives the same INVENTORY and CATALOG as the full config', () => {
    const env = { ...good, CATALOG: 'cat.json' };
    const full = loadEnvConfig(env);
    expect(full.ok && { INVENTORY: full.value.INVENTORY, CATALOG: full.value.CATALOG }).toEqual(loadEnvFiles(env));
  });
});

describe('loadCliEnv', () => {
  it.each([
    ['nothing set: the lease by default, no inventory, no store', {}, { LEASE_SECONDS: 30 }],
    ['empty values are unset', { INVENTORY: '', DATABASE: '', LEASE_SECONDS: '' }, { LEASE_SECONDS: 30 }],
    ['all three', { INVENTORY: 'inv.yml', DATABASE: '/var/lib/bot/store.sqlite', LEASE_SECONDS: '5' }, { INVENTORY: 'inv.yml', DATABASE: '/var/lib/bot/store.sqlite', LEASE_SECONDS: 5 }],
    ['the bot-only variables are not the CLI\'s business', { SLACK_BOT_TOKEN: 'xoxp-1', PORT: 'x' }, { LEASE_SECONDS: 30 }],
  ])('%s', (_name, env, expected) => {
    expect(loadCliEnv(env)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['not a number', 'abc'],
    ['zero', '0'],
    ['over an hour', '3601'],
    ['a fraction', '2.5'],
  ])('refuses a LEASE_SECONDS that is %s, naming it', (_name, value) => {
    const result = loadCliEnv({ LEASE_SECONDS: value });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error).toEqual(['LEASE_SECONDS: must be a whole number of seconds from 1 to 3600']);
  });
});
