import { App, LogLevel, type BlockAction, type ButtonAction, type Logger as BoltLogger } from '@slack/bolt';
import { answerQuestion } from '../../app/requests/answer-question.ts';
import { approveRequest, mayReject, rejectRequest } from '../../app/requests/decide-request.ts';
import { expireStale } from '../../app/requests/expire-stale.ts';
import { listRequests } from '../../app/requests/list-requests.ts';
import { lookAtNodes } from '../../app/requests/look-at-nodes.ts';
import type { ServiceDeps } from '../../app/requests/service-deps.ts';
import { startRollout } from '../../app/requests/start-rollout.ts';
import { submitRequest } from '../../app/requests/submit-request.ts';
import type { RolloutRecord } from '../../app/rollout-record.ts';
import { DEFAULT_APPROVAL_TTL_MINUTES } from '../../domain/approval/approval-policy.ts';
import { RejectReason } from '../../domain/approval/reject-reason.ts';
import { ACTION_IDS, ANSWER_ACTION_ID, BLOCK_IDS, CONTROL_ACTION_IDS } from './blocks/action-ids.ts';
import { controlRollout } from '../../app/requests/control-rollout.ts';
import type { RolloutControl } from '../../domain/approval/can-control.ts';
import { decodeAnswerValue, decodeDecisionValue } from './blocks/button-values.ts';
import { decidedMessage, type RequestOutcome } from './blocks/decided-message.ts';
import { errorMessage } from './blocks/error-message.ts';
import { rejectModal, parseRejectModalMetadata } from './blocks/reject-modal.ts';
import { requestList } from './blocks/request-list.ts';
import { usageMessage } from './blocks/usage-message.ts';
import { verdictMessage } from './blocks/verdict-message.ts';
import { SlackGroupResolver } from './slack-group-resolver.ts';

export interface SlackBotOptions {
  readonly token: string;
  readonly signingSecret: string;
  /** Socket Mode when set; HTTP mode otherwise. */
  readonly appToken?: string | undefined;
  readonly slackApiUrl?: string | undefined;
  /** Known bot ids spare Bolt an auth.test call (tests, demo). */
  readonly botId?: string | undefined;
  readonly botUserId?: string | undefined;
  /** Tests only: the HTTP reply waits for the listener (production must ack within 3 s). */
  readonly processBeforeResponse?: boolean;
  readonly retries?: number;
  readonly logger?: BoltLogger;
}

export interface SlackBot {
  readonly app: App;
  /** Resolves when every rollout and Slack post started by a listener has finished. */
  idle(): Promise<void>;
  /** Marks requests past their approval time-to-live as expired and says so on their messages. */
  sweepExpired(): Promise<number>;
}

/** Slack escapes `&`, `<`, `>` in command text; the parser must see what the user typed. */
const unescapeSlack = (text: string): string => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

function requestMessage(record: RolloutRecord, ttl: number | undefined): ReturnType<typeof verdictMessage> {
  return verdictMessage({ requestId: record.id, requestedBy: record.requestedBy, verdict: record.verdict, plan: record.plan, planProblem: record.decisionNote, approvalTtlMinutes: ttl });
}

/** The Bolt app: listeners are glue (ack, parse the payload, call a use case, render with a pure builder). */
export function createSlackBot(options: SlackBotOptions, deps: ServiceDeps): SlackBot {
  const app = new App({
    token: options.token,
    signingSecret: options.signingSecret,
    ...(options.appToken === undefined ? {} : { appToken: options.appToken, socketMode: true }),
    ...(options.botId === undefined ? {} : { botId: options.botId }),
    ...(options.botUserId === undefined ? {} : { botUserId: options.botUserId }),
    processBeforeResponse: options.processBeforeResponse ?? false,
    ...(options.logger === undefined ? { logLevel: LogLevel.WARN } : { logger: options.logger }),
    clientOptions: {
      ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
      ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
    },
  });
  const groups = new SlackGroupResolver(app.client);
  const pending = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>): void => {
    const tracked = work.catch((error: unknown) => deps.log.error({ err: error }, 'background task failed')).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  const ttlOf = (record: RolloutRecord): number | undefined => deps.clusters.get(record.cluster)?.approval.approvalTtlMinutes;
  const groupsFor = (userId: string, record: RolloutRecord | undefined): Promise<string[]> =>
    groups.groupsOf(userId, record === undefined ? [] : (deps.clusters.get(record.cluster)?.approval.approverGroupIds ?? []));
  const tell = async (channel: string | undefined, user: string, message: string): Promise<void> => {
    if (channel === undefined) return;
    const rendered = errorMessage(message);
    await app.client.chat.postEphemeral({ channel, user, text: rendered.text, blocks: rendered.blocks });
  };
  const postRequest = async (record: RolloutRecord): Promise<void> => {
    if (record.channelId === undefined) return;
    const message = requestMessage(record, ttlOf(record));
    const posted = await app.client.chat.postMessage({ channel: record.channelId, text: message.text, blocks: message.blocks });
    if (posted.ts !== undefined) deps.store.update(record.id, [record.status], { messageTs: posted.ts, channelId: posted.channel ?? record.channelId });
  };
  const showDecided = async (record: RolloutRecord, outcome: RequestOutcome): Promise<void> => {
    if (record.channelId === undefined || record.messageTs === undefined) return;
    const input = { requestId: record.id, requestedBy: record.requestedBy, verdict: record.verdict, plan: record.plan, planProblem: record.decisionNote, approvalTtlMinutes: ttlOf(record) };
    const message = decidedMessage(input, outcome);
    await app.client.chat.update({ channel: record.channelId, ts: record.messageTs, text: message.text, blocks: message.blocks });
  };

  app.command('/liferay', async ({ command, ack, respond }) => {
    const text = unescapeSlack(command.text ?? '');
    const quick = text.trim();
    if (quick === '' || quick.toLowerCase() === 'help') {
      await ack({ response_type: 'ephemeral', ...usageMessage() });
      return;
    }
    await ack({ response_type: 'ephemeral', text: `⏳ Checking \`${quick.slice(0, 200)}\`…` });
    const outcome = await submitRequest({ text, userId: command.user_id, channelId: command.channel_id }, deps);
    switch (outcome.kind) {
      case 'help':
        await respond({ response_type: 'ephemeral', ...usageMessage() });
        return;
      case 'error':
        await respond({ response_type: 'ephemeral', ...errorMessage(outcome.message, { withUsage: outcome.withUsage }) });
        return;
      case 'status': {
        // Where the nodes are now (a fresh look), then what is open, running or held, with its controls.
        const names = outcome.command.cluster === undefined ? [...deps.clusters.keys()] : [outcome.command.cluster];
        const looks = await Promise.all(names.map(async (name) => ({ cluster: name, nodes: await lookAtNodes(name, deps) })));
        await respond({ response_type: 'ephemeral', ...requestList('status', outcome.command.cluster, listRequests('status', outcome.command.cluster, deps.store), looks) });
        return;
      }
      case 'history':
        await respond({ response_type: 'ephemeral', ...requestList('history', outcome.command.cluster, listRequests('history', outcome.command.cluster, deps.store)) });
        return;
      case 'request':
        await postRequest(outcome.record);
        return;
    }
  });

  const onDecision = async ({ ack, body, action }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction }): Promise<void> => {
    await ack();
    const value = decodeDecisionValue(action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (value === undefined) {
      await tell(channel, body.user.id, 'This button is not one of this bot’s: nothing was done');
      return;
    }
    const record = deps.store.get(value.requestId);
    const outcome = await approveRequest(
      { requestId: value.requestId, userId: body.user.id, groupIds: await groupsFor(body.user.id, record), shownPlanHash: value.planHash, strategy: value.strategy },
      deps,
    );
    if (outcome.kind === 'denied') {
      await tell(channel, body.user.id, outcome.message);
      return;
    }
    if (outcome.kind === 'superseded') {
      await showDecided(outcome.old, { type: 'superseded', at: outcome.old.updatedAt });
      await postRequest(outcome.fresh);
      return;
    }
    const approved = outcome.record;
    await showDecided(approved, { type: 'approved', by: body.user.id, at: approved.decidedAt ?? approved.updatedAt, strategy: approved.plan?.strategy ?? 'rolling' });
    background(
      (async () => {
        await startRollout(approved, deps);
        await deps.notifier.flush(approved.id);
      })(),
    );
  };
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approve, onDecision);
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approveFullShutdown, onDecision);

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.reject, async ({ ack, body, action, client }) => {
    await ack();
    const value = decodeDecisionValue(action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (value === undefined) return tell(channel, body.user.id, 'This button is not one of this bot’s: nothing was done');
    const record = deps.store.get(value.requestId);
    const allowed = mayReject({ requestId: value.requestId, userId: body.user.id, groupIds: await groupsFor(body.user.id, record) }, deps);
    if (!allowed.ok) return tell(channel, body.user.id, allowed.message);
    const { record: r } = allowed;
    if (r.channelId === undefined || r.messageTs === undefined) return tell(channel, body.user.id, 'This request has no message to update');
    await client.views.open({ trigger_id: body.trigger_id, view: rejectModal({ requestId: r.id, channelId: r.channelId, messageTs: r.messageTs, requestText: r.requestText, requestedBy: r.requestedBy }) });
  });

  app.view(ACTION_IDS.rejectReasonModal, async ({ ack, view, body }) => {
    const meta = parseRejectModalMetadata(view.private_metadata);
    const raw = view.state.values[BLOCK_IDS.rejectReason]?.[ACTION_IDS.rejectReasonInput]?.value ?? '';
    const reason = RejectReason.safeParse(raw);
    if (!reason.success) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.rejectReason]: 'Say why, in 1 to 1000 characters' } });
      return;
    }
    if (!meta.ok) {
      await ack();
      return;
    }
    await ack();
    const record = deps.store.get(meta.value.requestId);
    const outcome = rejectRequest({ requestId: meta.value.requestId, userId: body.user.id, groupIds: await groupsFor(body.user.id, record), reason: reason.data }, deps);
    if (!outcome.ok) return tell(meta.value.channelId, body.user.id, outcome.message);
    await showDecided(outcome.record, { type: 'rejected', by: body.user.id, at: outcome.record.decidedAt ?? outcome.record.updatedAt, reason: reason.data });
  });

  // Pause, Abort, Resume, Retry node, Roll back, Leave as is: on the status board, approvers only.
  for (const [control, actionId] of Object.entries(CONTROL_ACTION_IDS) as [RolloutControl, string][]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      const channel = body.channel?.id ?? body.container?.channel_id;
      const rolloutId = typeof action.value === 'string' ? action.value : '';
      const record = deps.store.get(rolloutId);
      if (record === undefined) return tell(channel, body.user.id, 'This button is not one of this bot’s: nothing was done');
      const outcome = controlRollout({ rolloutId, control, userId: body.user.id, groupIds: await groupsFor(body.user.id, record) }, deps);
      await tell(channel, body.user.id, outcome.message);
      if (outcome.ok) background(outcome.run ?? deps.notifier.flush(rolloutId));
    });
  }

  app.action<BlockAction<ButtonAction>>(ANSWER_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    const value = decodeAnswerValue(action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (value === undefined) return tell(channel, body.user.id, 'This button is not one of this bot’s: nothing was done');
    const record = deps.store.get(value.requestId);
    const question = record?.verdict.type === 'verdict' ? record.verdict.questions[value.question] : undefined;
    const answer =
      value.topic === 'schema'
        ? { topic: 'schema' as const, answer: value.answer }
        : value.topic === 'java-major'
          ? { topic: 'java-major' as const, answer: value.answer }
          : { topic: 'revertible' as const, answer: value.answer, subjects: question?.subjects ?? [] };
    const outcome = await answerQuestion({ requestId: value.requestId, userId: body.user.id, groupIds: await groupsFor(body.user.id, record), ...answer }, deps);
    if (!outcome.ok) return tell(channel, body.user.id, outcome.message);
    const updated = outcome.record;
    if (updated.channelId === undefined || updated.messageTs === undefined) return;
    const message = requestMessage(updated, ttlOf(updated));
    await client.chat.update({ channel: updated.channelId, ts: updated.messageTs, text: message.text, blocks: message.blocks });
  });

  return {
    app,
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    sweepExpired: async () => {
      const expired = expireStale(deps);
      for (const record of expired) {
        await showDecided(record, { type: 'expired', at: record.updatedAt, ttlMinutes: ttlOf(record) ?? DEFAULT_APPROVAL_TTL_MINUTES }).catch((error: unknown) =>
          deps.log.warn({ rolloutId: record.id, err: error }, 'could not mark the message expired'),
        );
      }
      return expired.length;
    },
  };
}
