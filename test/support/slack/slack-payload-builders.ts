/**
 * Realistic request payloads as Slack sends them to the app (field names and shapes from Slack's
 * slash command and interactivity payloads). Defaults describe one workspace: team T0001
 * (liferay-ops), app A0001, channel C0001 (#liferay-ops), user U0001 (alice), bot U_BOT / B1.
 */

export const slackTestDefaults = {
  token: 'verification-token-0001',
  teamId: 'T0001',
  teamDomain: 'liferay-ops',
  apiAppId: 'A0001',
  channelId: 'C0001',
  channelName: 'liferay-ops',
  userId: 'U0001',
  userName: 'alice',
  botUserId: 'U_BOT',
  botId: 'B1',
} as const;

let sequence = 0;
const next = (): number => {
  sequence += 1;
  return sequence;
};

/** `1700000000.123456`-style action_ts / trigger parts, unique per call. */
const nowTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;

export const aTriggerId = (): string => `${Math.floor(Date.now() / 1000)}${next()}.47445629121.${next().toString(16).padStart(32, 'a')}`;

export const aResponseUrl = (): string =>
  `https://hooks.slack.com/commands/${slackTestDefaults.teamId}/${String(next()).padStart(12, '3')}/fakeResponseSecret${next()}`;

/** The flat form fields of a slash command request, in the order Slack sends them. */
export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: 'true' | 'false';
  response_url: string;
  trigger_id: string;
}

export const slashCommandFields = (overrides: Partial<SlashCommandFields> = {}): SlashCommandFields => {
  const d = slackTestDefaults;
  const enterprise = {
    ...(overrides.enterprise_id === undefined ? {} : { enterprise_id: overrides.enterprise_id }),
    ...(overrides.enterprise_name === undefined ? {} : { enterprise_name: overrides.enterprise_name }),
  };
  return {
    token: overrides.token ?? d.token,
    team_id: overrides.team_id ?? d.teamId,
    team_domain: overrides.team_domain ?? d.teamDomain,
    ...enterprise,
    channel_id: overrides.channel_id ?? d.channelId,
    channel_name: overrides.channel_name ?? d.channelName,
    user_id: overrides.user_id ?? d.userId,
    user_name: overrides.user_name ?? d.userName,
    command: overrides.command ?? '/liferay',
    text: overrides.text ?? '',
    api_app_id: overrides.api_app_id ?? d.apiAppId,
    is_enterprise_install: overrides.is_enterprise_install ?? 'false',
    response_url: overrides.response_url ?? aResponseUrl(),
    trigger_id: overrides.trigger_id ?? aTriggerId(),
  };
};

export interface SlackPayloadUser {
  id: string;
  username: string;
  name: string;
  team_id: string;
}

export interface SlackPayloadChannel {
  id: string;
  name: string;
}

export interface SlackPayloadContainer {
  type: 'message' | 'view';
  message_ts?: string;
  channel_id?: string;
  is_ephemeral?: boolean;
  view_id?: string;
}

export interface SlackBlockAction {
  action_id: string;
  block_id: string;
  type: string;
  value?: string;
  text?: { type: 'plain_text'; text: string; emoji?: boolean };
  action_ts: string;
}

export interface BlockActionInput {
  user?: Partial<SlackPayloadUser>;
  channel?: Partial<SlackPayloadChannel>;
  /** The clicked message; `null` for an ephemeral message (Slack then sends no `message`). */
  message?: Record<string, unknown> | null;
  actions?: ReadonlyArray<Partial<SlackBlockAction>>;
  response_url?: string;
  trigger_id?: string;
  container?: Partial<SlackPayloadContainer>;
  state?: { values: Record<string, unknown> };
}

export interface BlockActionsPayload {
  type: 'block_actions';
  user: SlackPayloadUser;
  api_app_id: string;
  token: string;
  container: SlackPayloadContainer;
  trigger_id: string;
  team: { id: string; domain: string };
  enterprise: null;
  is_enterprise_install: boolean;
  channel: SlackPayloadChannel;
  message?: Record<string, unknown>;
  state: { values: Record<string, unknown> };
  response_url: string;
  actions: SlackBlockAction[];
}

const aUser = (user: Partial<SlackPayloadUser> = {}): SlackPayloadUser => ({
  id: user.id ?? slackTestDefaults.userId,
  username: user.username ?? user.name ?? slackTestDefaults.userName,
  name: user.name ?? user.username ?? slackTestDefaults.userName,
  team_id: user.team_id ?? slackTestDefaults.teamId,
});

export const blockActionsPayload = (input: BlockActionInput = {}): BlockActionsPayload => {
  const d = slackTestDefaults;
  const channel = { id: input.channel?.id ?? d.channelId, name: input.channel?.name ?? d.channelName };
  const message = input.message === null
    ? undefined
    : { type: 'message', ts: '1700000000.000100', user: d.botUserId, bot_id: d.botId, app_id: d.apiAppId, team: d.teamId, text: 'message', blocks: [], ...input.message };
  const messageTs = typeof message?.ts === 'string' ? message.ts : '1700000000.000100';
  const actions = (input.actions ?? [{}]).map((action): SlackBlockAction => ({
    action_id: action.action_id ?? 'approve',
    block_id: action.block_id ?? 'decision',
    type: action.type ?? 'button',
    ...(action.value === undefined ? {} : { value: action.value }),
    text: action.text ?? { type: 'plain_text', text: 'Approve', emoji: true },
    action_ts: action.action_ts ?? nowTs(),
  }));
  return {
    type: 'block_actions',
    user: aUser(input.user),
    api_app_id: d.apiAppId,
    token: d.token,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel.id,
      is_ephemeral: input.message === null,
      ...input.container,
    },
    trigger_id: input.trigger_id ?? aTriggerId(),
    team: { id: d.teamId, domain: d.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel,
    ...(message === undefined ? {} : { message }),
    state: input.state ?? { values: {} },
    response_url: input.response_url ?? aResponseUrl(),
    actions,
  };
};

export interface ViewSubmissionInput {
  user?: Partial<SlackPayloadUser>;
  view?: {
    id?: string;
    callback_id?: string;
    private_metadata?: string;
    external_id?: string;
    state?: { values: Record<string, unknown> };
    title?: { type: 'plain_text'; text: string };
    submit?: { type: 'plain_text'; text: string };
    blocks?: unknown[];
    hash?: string;
  };
  trigger_id?: string;
}

export interface ViewSubmissionPayload {
  type: 'view_submission';
  team: { id: string; domain: string };
  user: SlackPayloadUser;
  api_app_id: string;
  token: string;
  trigger_id: string;
  view: Record<string, unknown> & { id: string; callback_id: string; private_metadata: string; state: { values: Record<string, unknown> } };
  response_urls: unknown[];
  is_enterprise_install: boolean;
  enterprise: null;
}

export const viewSubmissionPayload = (input: ViewSubmissionInput = {}): ViewSubmissionPayload => {
  const d = slackTestDefaults;
  const view = input.view ?? {};
  const id = view.id ?? `V${String(next()).padStart(8, '0')}`;
  return {
    type: 'view_submission',
    team: { id: d.teamId, domain: d.teamDomain },
    user: aUser(input.user),
    api_app_id: d.apiAppId,
    token: d.token,
    trigger_id: input.trigger_id ?? aTriggerId(),
    view: {
      id,
      team_id: d.teamId,
      type: 'modal',
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? 'modal',
      state: view.state ?? { values: {} },
      hash: view.hash ?? `${nowTs()}.${id}`,
      title: view.title ?? { type: 'plain_text', text: 'Liferay Rollout', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: view.submit ?? { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: id,
      app_id: d.apiAppId,
      external_id: view.external_id ?? '',
      app_installed_team_id: d.teamId,
      bot_id: d.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
};

export interface EventCallbackInput {
  /** The inner event: `{ type: 'app_home_opened', user, channel, tab, ... }`; `event_ts` added when absent. */
  event?: Record<string, unknown> & { type?: string };
  event_id?: string;
  event_time?: number;
  authorizations?: unknown[];
}

export interface EventCallbackPayload {
  token: string;
  team_id: string;
  api_app_id: string;
  event: Record<string, unknown> & { type: string; event_ts: string };
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: unknown[];
  is_ext_shared_channel: boolean;
  event_context: string;
}

/** An Events API `event_callback`: the JSON body of an HTTP event request and the payload of an `events_api` envelope. */
export const eventCallbackPayload = (input: EventCallbackInput = {}): EventCallbackPayload => {
  const d = slackTestDefaults;
  const event = input.event ?? {};
  return {
    token: d.token,
    team_id: d.teamId,
    api_app_id: d.apiAppId,
    event: { ...event, type: event.type ?? 'app_home_opened', event_ts: typeof event['event_ts'] === 'string' ? event['event_ts'] : nowTs() },
    type: 'event_callback',
    event_id: input.event_id ?? `Ev${String(next()).padStart(10, '0')}`,
    event_time: input.event_time ?? Math.floor(Date.now() / 1000),
    authorizations: input.authorizations ?? [{ enterprise_id: null, team_id: d.teamId, user_id: d.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${String(next()).padStart(20, '0')}`,
  };
};

/** A global shortcut as Slack sends it (`type: shortcut`): no channel, a `trigger_id` for `views.open`. */
export interface ShortcutPayload {
  type: 'shortcut';
  token: string;
  action_ts: string;
  team: { id: string; domain: string };
  user: SlackPayloadUser;
  is_enterprise_install: boolean;
  enterprise: null;
  callback_id: string;
  trigger_id: string;
}

export const shortcutPayload = (input: { callback_id: string; user?: Partial<SlackPayloadUser>; trigger_id?: string }): ShortcutPayload => ({
  type: 'shortcut',
  token: slackTestDefaults.token,
  action_ts: nowTs(),
  team: { id: slackTestDefaults.teamId, domain: slackTestDefaults.teamDomain },
  user: aUser(input.user),
  is_enterprise_install: false,
  enterprise: null,
  callback_id: input.callback_id,
  trigger_id: input.trigger_id ?? aTriggerId(),
});

/**
 * A `block_actions` from an input of an open modal (e.g. a select with `dispatch_action`): the
 * container is the view, the payload carries the view with its current state, and there is no
 * channel or message.
 */
export const viewBlockActionsPayload = (input: {
  user?: Partial<SlackPayloadUser>;
  view: Record<string, unknown> & { id: string };
  state: { values: Record<string, unknown> };
  actions: ReadonlyArray<Partial<SlackBlockAction> & { action_id: string; block_id: string }>;
  trigger_id?: string;
}): Record<string, unknown> => ({
  type: 'block_actions',
  user: aUser(input.user),
  api_app_id: slackTestDefaults.apiAppId,
  token: slackTestDefaults.token,
  container: { type: 'view', view_id: input.view.id },
  trigger_id: input.trigger_id ?? aTriggerId(),
  team: { id: slackTestDefaults.teamId, domain: slackTestDefaults.teamDomain },
  enterprise: null,
  is_enterprise_install: false,
  view: { ...input.view, state: input.state },
  actions: input.actions.map((action) => ({ type: 'static_select', action_ts: nowTs(), ...action })),
});
