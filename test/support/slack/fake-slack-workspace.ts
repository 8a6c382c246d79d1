import { validateSlackMessage, validateSlackView } from './validate-slack-message.ts';

/**
 * The in-memory Slack workspace behind the fake Web API: messages per channel with their threads,
 * views, users, user groups and channels, and one handler per Web API method. No I/O: the HTTP
 * server in fake-slack-api.ts decodes requests and hands the arguments here.
 *
 * Where Slack's behaviour is not documented precisely, the fake is stricter than Slack so that bugs
 * show up in tests: `text` is required with `blocks` (Slack only warns), a `thread_ts` must be a
 * known parent (`thread_not_found`) and never a reply's ts (`invalid_thread_ts`).
 */

export type SlackJson = Record<string, unknown>;

export interface FakeSlackUser {
  readonly name: string;
  readonly real_name?: string;
  readonly display_name?: string;
  readonly is_bot?: boolean;
  readonly deleted?: boolean;
  readonly tz?: string;
}

export interface FakeSlackChannel {
  readonly name: string;
  readonly is_private?: boolean;
  readonly is_member?: boolean;
}

export interface FakeSlackWorkspaceOptions {
  /** Defaults: T0001 / "Liferay Ops" / liferay-ops, app A0001, bot B1 with user U_BOT. */
  readonly teamId?: string;
  readonly teamName?: string;
  readonly teamDomain?: string;
  readonly appId?: string;
  readonly botId?: string;
  readonly botUserId?: string;
  /** `users.info`: user id -> user name or details. */
  readonly users?: Readonly<Record<string, string | FakeSlackUser>>;
  /** `usergroups.users.list`: user group id (S...) -> member user ids. */
  readonly userGroups?: Readonly<Record<string, readonly string[]>>;
  /**
   * `conversations.info`: channel id -> name or details. When given, posting to any other channel
   * answers `channel_not_found`; when absent, every channel id is accepted.
   */
  readonly channels?: Readonly<Record<string, string | FakeSlackChannel>>;
}

/** A message as Slack returns it, plus the channel it lives in. */
export interface FakeSlackMessage {
  readonly type: 'message';
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  readonly user: string;
  readonly bot_id: string;
  readonly app_id: string;
  readonly team: string;
  edited?: { readonly user: string; readonly ts: string };
  metadata?: unknown;
  reply_count?: number;
}

/** A top-level message with its thread replies, oldest first. */
export type FakeSlackThread = FakeSlackMessage & { readonly replies: FakeSlackMessage[] };

const isRecord = (value: unknown): value is SlackJson => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined);
const fail = (error: string, extra: SlackJson = {}): SlackJson => ({ ok: false, error, ...extra });

const FIRST_TS_SECONDS = 1_700_000_000;

export class FakeSlackWorkspace {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;

  private tsCounter = 0;
  private viewCounter = 0;
  private readonly users: ReadonlyMap<string, FakeSlackUser>;
  private readonly userGroups: ReadonlyMap<string, readonly string[]>;
  private readonly channels: ReadonlyMap<string, FakeSlackChannel> | undefined;
  /** channel -> top-level messages in posting order. */
  private readonly timeline = new Map<string, FakeSlackMessage[]>();
  /** `${channel}/${ts}` -> message (top-level and replies). */
  private readonly messages = new Map<string, FakeSlackMessage>();
  /** `${channel}/${parent ts}` -> replies in posting order. */
  private readonly threads = new Map<string, FakeSlackMessage[]>();
  private readonly views = new Map<string, SlackJson>();
  private readonly usedTriggerIds = new Set<string>();
  /** user -> their published Home tab view. */
  private readonly homes = new Map<string, SlackJson>();

  constructor(options: FakeSlackWorkspaceOptions = {}) {
    this.teamId = options.teamId ?? 'T0001';
    this.teamName = options.teamName ?? 'Liferay Ops';
    this.teamDomain = options.teamDomain ?? 'liferay-ops';
    this.appId = options.appId ?? 'A0001';
    this.botId = options.botId ?? 'B1';
    this.botUserId = options.botUserId ?? 'U_BOT';
    this.users = new Map(Object.entries(options.users ?? {}).map(([id, user]) => [id, typeof user === 'string' ? { name: user } : user]));
    this.userGroups = new Map(Object.entries(options.userGroups ?? {}));
    this.channels = options.channels === undefined
      ? undefined
      : new Map(Object.entries(options.channels).map(([id, channel]) => [id, typeof channel === 'string' ? { name: channel } : channel]));
  }

  /** Next unique, increasing Slack timestamp: 1700000000.000100, 1700000000.000200, ... */
  nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = FIRST_TS_SECONDS + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Answers one Web API call the way Slack would (the body of a 200 response). */
  call(method: string, args: SlackJson): SlackJson {
    switch (method) {
      case 'auth.test':
        return this.authTest();
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.update(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'chat.getPermalink':
        return this.getPermalink(args);
      case 'views.open':
        return this.openView(args);
      case 'views.update':
        return this.updateView(args);
      case 'views.publish':
        return this.publishView(args);
      case 'users.info':
        return this.userInfo(args);
      case 'usergroups.users.list':
        return this.userGroupMembers(args);
      case 'conversations.info':
        return this.conversationInfo(args);
      default:
        return fail('unknown_method');
    }
  }

  message(channel: string, ts: string): FakeSlackMessage | undefined {
    const found = this.messages.get(`${channel}/${ts}`);
    return found === undefined ? undefined : structuredClone(found);
  }

  channelHistory(channel: string): FakeSlackThread[] {
    return (this.timeline.get(channel) ?? []).map((message) => ({
      ...structuredClone(message),
      replies: (this.threads.get(`${channel}/${message.ts}`) ?? []).map((reply) => structuredClone(reply)),
    }));
  }

  /** What a `response_url` bound to a message does with `replace_original` / `delete_original` / `in_channel`. */
  applyResponse(binding: { readonly channel?: string; readonly messageTs?: string }, payload: SlackJson): SlackJson {
    const violations = payload.delete_original === true ? [] : validateSlackMessage({ text: payload.text, blocks: payload.blocks });
    if (violations.length > 0) return fail('invalid_blocks', { errors: violations });
    if (binding.channel === undefined) return { ok: true };
    const target = binding.messageTs === undefined ? undefined : this.messages.get(`${binding.channel}/${binding.messageTs}`);
    if (payload.delete_original === true && target !== undefined) {
      this.remove(target);
    } else if (payload.replace_original === true && target !== undefined) {
      this.edit(target, payload);
    } else if (payload.response_type === 'in_channel') {
      const posted = this.postMessage({ ...payload, channel: binding.channel });
      if (posted.ok !== true) return posted;
    }
    return { ok: true };
  }

  private authTest(): SlackJson {
    return {
      ok: true,
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamName,
      user: 'liferay-rollout',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private resolveChannel(value: unknown): string | undefined {
    const channel = str(value);
    // A known user's id is the app's direct-message conversation with them (`D` + the user id here; Slack's own D… id).
    if (channel !== undefined && this.users.has(channel)) return `D${channel}`;
    if (channel === undefined || this.channels === undefined) return channel;
    if (this.channels.has(channel)) return channel;
    const name = channel.replace(/^#/, '');
    for (const [id, details] of this.channels) if (details.name === name) return id;
    return undefined;
  }

  private validate(args: SlackJson): SlackJson | undefined {
    if (args.blocks !== undefined && !Array.isArray(args.blocks)) return fail('invalid_blocks_format');
    const hasText = typeof args.text === 'string' && args.text.length > 0;
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (!hasText && args.blocks === undefined && !hasAttachments) return fail('no_text');
    if (hasAttachments && args.blocks === undefined) return undefined;
    const violations = validateSlackMessage({ text: args.text, blocks: args.blocks });
    return violations.length > 0 ? fail('invalid_blocks', { errors: violations }) : undefined;
  }

  private postMessage(args: SlackJson): SlackJson {
    const channel = this.resolveChannel(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    const invalid = this.validate(args);
    if (invalid !== undefined) return invalid;
    const threadTs = str(args.thread_ts);
    if (threadTs !== undefined) {
      const parent = this.messages.get(`${channel}/${threadTs}`);
      if (parent === undefined) return fail('thread_not_found');
      if (parent.thread_ts !== undefined && parent.thread_ts !== parent.ts) return fail('invalid_thread_ts');
    }
    const message: FakeSlackMessage = {
      type: 'message',
      channel,
      ts: this.nextTs(),
      text: typeof args.text === 'string' ? args.text : '',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
    };
    this.messages.set(`${channel}/${message.ts}`, message);
    if (threadTs === undefined) {
      this.timeline.set(channel, [...(this.timeline.get(channel) ?? []), message]);
    } else {
      const parent = this.messages.get(`${channel}/${threadTs}`);
      if (parent !== undefined) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
      }
      message.thread_ts = threadTs;
      this.threads.set(`${channel}/${threadTs}`, [...(this.threads.get(`${channel}/${threadTs}`) ?? []), message]);
    }
    return { ok: true, channel, ts: message.ts, message: structuredClone(message) };
  }

  private update(args: SlackJson): SlackJson {
    const channel = this.resolveChannel(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    const ts = str(args.ts);
    const message = ts === undefined ? undefined : this.messages.get(`${channel}/${ts}`);
    if (message === undefined) return fail('message_not_found');
    if (args.text === undefined && args.blocks === undefined) return fail('no_text');
    const merged = { text: args.text ?? message.text, blocks: args.blocks ?? message.blocks };
    const invalid = this.validate(merged);
    if (invalid !== undefined) return invalid;
    this.edit(message, args);
    return { ok: true, channel, ts: message.ts, text: message.text, message: structuredClone(message) };
  }

  private edit(message: FakeSlackMessage, changes: SlackJson): void {
    if (typeof changes.text === 'string') message.text = changes.text;
    if (Array.isArray(changes.blocks)) message.blocks = changes.blocks;
    message.edited = { user: this.botUserId, ts: this.nextTs() };
  }

  private remove(message: FakeSlackMessage): void {
    this.messages.delete(`${message.channel}/${message.ts}`);
    const without = (list: FakeSlackMessage[] | undefined): FakeSlackMessage[] => (list ?? []).filter((m) => m !== message);
    this.timeline.set(message.channel, without(this.timeline.get(message.channel)));
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const key = `${message.channel}/${message.thread_ts}`;
      this.threads.set(key, without(this.threads.get(key)));
    }
  }

  private postEphemeral(args: SlackJson): SlackJson {
    const channel = this.resolveChannel(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    const user = str(args.user);
    if (user === undefined || (this.users.size > 0 && !this.users.has(user))) return fail('user_not_found');
    const invalid = this.validate(args);
    if (invalid !== undefined) return invalid;
    return { ok: true, message_ts: this.nextTs() };
  }

  private getPermalink(args: SlackJson): SlackJson {
    const channel = this.resolveChannel(args.channel);
    const ts = str(args.message_ts);
    if (channel === undefined) return fail('channel_not_found');
    if (ts === undefined || !this.messages.has(`${channel}/${ts}`)) return fail('message_not_found');
    return { ok: true, channel, permalink: `https://${this.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
  }

  private storeView(view: SlackJson, previous: SlackJson | undefined): SlackJson {
    this.viewCounter += 1;
    const id = previous === undefined ? `V${String(this.viewCounter).padStart(8, '0')}` : String(previous.id);
    const stored: SlackJson = {
      ...view,
      id,
      team_id: this.teamId,
      app_id: this.appId,
      bot_id: this.botId,
      app_installed_team_id: this.teamId,
      private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
      callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
      external_id: typeof view.external_id === 'string' ? view.external_id : '',
      state: { values: {} },
      hash: `${this.nextTs()}.${id}`,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: null,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
    };
    this.views.set(id, stored);
    return stored;
  }

  private checkView(view: unknown): SlackJson | undefined {
    const violations = validateSlackView(view);
    return violations.length > 0
      ? fail('invalid_arguments', { response_metadata: { messages: violations.map((v) => `[ERROR] ${v}`) } })
      : undefined;
  }

  private openView(args: SlackJson): SlackJson {
    const triggerId = str(args.trigger_id);
    if (triggerId === undefined) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
    if (this.usedTriggerIds.has(triggerId)) return fail('expired_trigger_id');
    const invalid = this.checkView(args.view);
    if (invalid !== undefined || !isRecord(args.view)) return invalid ?? fail('invalid_arguments');
    this.usedTriggerIds.add(triggerId);
    return { ok: true, view: structuredClone(this.storeView(args.view, undefined)) };
  }

  private updateView(args: SlackJson): SlackJson {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (viewId === undefined && externalId === undefined) return fail('invalid_arguments');
    const previous = viewId !== undefined
      ? this.views.get(viewId)
      : [...this.views.values()].find((view) => view.external_id === externalId);
    if (previous === undefined) return fail('not_found');
    if (args.hash !== undefined && args.hash !== previous.hash) return fail('hash_conflict');
    const invalid = this.checkView(args.view);
    if (invalid !== undefined || !isRecord(args.view)) return invalid ?? fail('invalid_arguments');
    return { ok: true, view: structuredClone(this.storeView(args.view, previous)) };
  }

  /** `views.publish`: the user's Home tab view, replaced whole (a `hash` that is not the current one is a conflict). */
  private publishView(args: SlackJson): SlackJson {
    const user = str(args.user_id);
    if (user === undefined || (this.users.size > 0 && !this.users.has(user))) return fail('user_not_found');
    if (!isRecord(args.view) || args.view.type !== 'home') return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] view.type must be home'] } });
    const invalid = this.checkView(args.view);
    if (invalid !== undefined) return invalid;
    const previous = this.homes.get(user);
    if (args.hash !== undefined && previous !== undefined && args.hash !== previous.hash) return fail('hash_conflict');
    const stored = this.storeView(args.view, previous);
    this.homes.set(user, stored);
    return { ok: true, view: structuredClone(stored) };
  }

  /** The Home tab view last published for `user`. */
  home(user: string): SlackJson | undefined {
    const found = this.homes.get(user);
    return found === undefined ? undefined : structuredClone(found);
  }

  private userInfo(args: SlackJson): SlackJson {
    const id = str(args.user);
    const user = id === undefined ? undefined : this.users.get(id);
    if (id === undefined || user === undefined) return fail('user_not_found');
    const realName = user.real_name ?? user.name;
    return {
      ok: true,
      user: {
        id,
        team_id: this.teamId,
        name: user.name,
        real_name: realName,
        deleted: user.deleted ?? false,
        is_bot: user.is_bot ?? false,
        tz: user.tz ?? 'Europe/Madrid',
        profile: { real_name: realName, display_name: user.display_name ?? user.name },
      },
    };
  }

  private userGroupMembers(args: SlackJson): SlackJson {
    const id = str(args.usergroup);
    const members = id === undefined ? undefined : this.userGroups.get(id);
    return members === undefined ? fail('no_such_subteam') : { ok: true, users: [...members] };
  }

  private conversationInfo(args: SlackJson): SlackJson {
    const id = str(args.channel);
    const channel = id === undefined ? undefined : this.channels?.get(id);
    if (id === undefined || channel === undefined) return fail('channel_not_found');
    return {
      ok: true,
      channel: {
        id,
        name: channel.name,
        is_channel: channel.is_private !== true,
        is_group: channel.is_private === true,
        is_private: channel.is_private === true,
        is_archived: false,
        is_member: channel.is_member ?? true,
        context_team_id: this.teamId,
      },
    };
  }
}
