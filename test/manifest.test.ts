import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../src/adapters/slack/blocks/action-ids.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = path.resolve(repoRoot, '..', 'shared', 'slack-manifest-schema', 'manifest.schema.1.0.0.json');
const manifestPath = path.resolve(repoRoot, 'manifest.yml');

const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
// The schema uses keywords Ajv does not know (`regex`, `_note`): strict mode off, formats not checked.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validateSchema = ajv.compile(schema as object);

const loadManifest = (): Record<string, unknown> => parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;

interface SlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
  url?: string;
}

interface Manifest {
  display_information: { name: string };
  features?: {
    bot_user?: { display_name: string };
    slash_commands?: SlashCommand[];
    shortcuts?: { name: string; type: string; callback_id: string; description: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    socket_mode_enabled?: boolean;
    interactivity?: { is_enabled: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
  };
}

/** Rules Slack applies when it accepts a manifest that its JSON Schema alone does not express. */
const consistencyErrors = (manifest: Manifest): string[] => {
  const errors: string[] = [];
  const commands = manifest.features?.slash_commands ?? [];
  if (commands.length > 0 && manifest.features?.bot_user === undefined) {
    errors.push('features.bot_user is required when the app has slash commands');
  }
  if (manifest.settings?.socket_mode_enabled !== true) {
    for (const command of commands) {
      if (command.url === undefined) errors.push(`${command.command}: url is required without socket mode`);
    }
    if (manifest.settings?.interactivity?.is_enabled === true && manifest.settings.interactivity.request_url === undefined) {
      errors.push('settings.interactivity.request_url is required without socket mode');
    }
    if ((manifest.settings?.event_subscriptions?.bot_events ?? []).length > 0 && manifest.settings?.event_subscriptions?.request_url === undefined) {
      errors.push('settings.event_subscriptions.request_url is required without socket mode');
    }
  }
  return errors;
};

const validate = (candidate: unknown): string[] => {
  const schemaErrors = validateSchema(candidate)
    ? []
    : (validateSchema.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  return schemaErrors.length > 0 ? schemaErrors : consistencyErrors(candidate as Manifest);
};

describe('manifest.yml', () => {
  it('validates against Slack manifest schema 1.0.0', () => {
    const manifest = loadManifest();
    expect(validateSchema(manifest), JSON.stringify(validateSchema.errors, null, 2)).toBe(true);
    expect(validate(manifest)).toEqual([]);
  });

  it('declares the /liferay command for socket mode', () => {
    const manifest = loadManifest() as unknown as Manifest;
    const liferay = manifest.features?.slash_commands?.find((command) => command.command === '/liferay');
    expect(liferay).toMatchObject({ usage_hint: 'fixpack install dxp-17-7110 on prod | help', should_escape: false });
    expect(liferay?.url).toBeUndefined();
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
  });

  it('declares the request form shortcut and the Home tab with its event', () => {
    const manifest = loadManifest() as unknown as Manifest;
    expect(manifest.features?.shortcuts).toEqual([
      { name: 'New maintenance request', type: 'global', callback_id: ACTION_IDS.newRequestShortcut, description: expect.any(String) as string },
    ]);
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(['app_home_opened']);
  });

  it('asks for exactly the bot scopes the bot uses', () => {
    const scopes = (loadManifest() as unknown as Manifest).oauth_config?.scopes?.bot ?? [];
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write']));
    expect([...scopes].sort()).toEqual(['chat:write', 'commands', 'usergroups:read', 'users:read']);
  });

  /** The manifest's shape as far as the breaking edits below need it (they run on a parsed copy). */
  interface Editable {
    display_information: { name: string };
    features: { bot_user?: unknown; slash_commands: [{ command: string; usage_hint: string }] };
    oauth_config: { scopes: { bot: unknown } };
    settings: Record<string, unknown>;
  }

  const broken: ReadonlyArray<[string, (manifest: Editable) => void, RegExp]> = [
    ['name longer than 35 characters', (m) => (m.display_information.name = 'L'.repeat(36)), /display_information\/name/],
    ['command without a leading slash', (m) => (m.features.slash_commands[0].command = 'liferay'), /slash_commands\/0\/command/],
    ['empty usage hint', (m) => (m.features.slash_commands[0].usage_hint = ''), /usage_hint/],
    ['unknown setting', (m) => (m.settings.socket_mode = true), /\/settings must NOT have additional properties/],
    ['scopes as a string', (m) => (m.oauth_config.scopes.bot = 'commands'), /oauth_config\/scopes\/bot/],
    ['missing display_information', (m) => Reflect.deleteProperty(m, 'display_information'), /display_information/],
    ['missing bot_user with a slash command', (m) => delete m.features.bot_user, /bot_user is required/],
    ['HTTP mode without a command url', (m) => (m.settings.socket_mode_enabled = false), /\/liferay: url is required/],
    ['HTTP mode without an events url', (m) => (m.settings.socket_mode_enabled = false), /event_subscriptions\.request_url is required/],
  ];

  it.each(broken)('rejects a copy with %s', (_label, breakIt, expected) => {
    const copy = structuredClone(loadManifest()) as unknown as Editable;
    breakIt(copy);
    const errors = validate(copy);
    expect(errors.join('\n')).toMatch(expected);
  });

  it('accepts the HTTP-mode variant described in the header comment', () => {
    const copy = structuredClone(loadManifest()) as unknown as Manifest;
    copy.settings = {
      ...copy.settings,
      socket_mode_enabled: false,
      interactivity: { is_enabled: true, request_url: 'https://bot.example.com/slack/events' },
      event_subscriptions: { request_url: 'https://bot.example.com/slack/events', bot_events: ['app_home_opened'] },
    };
    for (const command of copy.features?.slash_commands ?? []) command.url = 'https://bot.example.com/slack/events';
    expect(validate(copy)).toEqual([]);
  });
});
