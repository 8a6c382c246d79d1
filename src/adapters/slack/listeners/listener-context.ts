import type { webApi } from '@slack/bolt';
import type { AnswerDeps } from '../../../app/requests/answer-question.ts';
import type { ApproveDeps, RejectDeps } from '../../../app/requests/decide-request.ts';
import type { RecordMessageDeps } from '../../../app/requests/record-request-message.ts';
import type { RequestViewDeps } from '../../../app/requests/request-view.ts';
import type { OverviewDeps } from '../../../app/requests/requests-overview.ts';
import type { ControlDeps } from '../../../app/requests/control-rollout.ts';
import type { SubmitDeps } from '../../../app/requests/submit-request.ts';
import type { WithdrawDeps } from '../../../app/requests/withdraw-unposted.ts';
import type { RichText } from '../../../domain/text/rich-text.ts';
import type { SlackMessage } from '../blocks/slack-message.ts';
import type { DeliveryDedupe } from '../delivery-dedupe.ts';
import type { HomeTab } from '../home-tab.ts';

/** The Slack calls listeners make in a channel: every one goes through the channel's lane. */
export interface ChannelTalk {
  /** `chat.postMessage` (a reply when `threadTs` is given; a user id as `channel` posts in the app's direct messages): resolves with where the message landed (undefined when Slack gave no ts); a refused post rejects with a `SlackApiError` (`not_in_channel`, ...). */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<{ readonly channel: string; readonly ts: string } | undefined>;
  /** `chat.update` of a message. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** An error line only `user` sees (`chat.postEphemeral`); nothing when the channel is unknown. A string is plain words. */
  tell(channel: string | undefined, user: string, message: RichText | string): Promise<void>;
}

/**
 * What the listeners' use cases read (each listener hands its use case only that; the request messages read the clusters' approval time-to-live).
 * `ControlDeps` serves both starting a rollout and controlling one (a control also tells a run that is gone).
 */
export type ListenerDeps = SubmitDeps & OverviewDeps & ApproveDeps & ControlDeps & RejectDeps & AnswerDeps & RequestViewDeps & RecordMessageDeps & WithdrawDeps;

/** What every listener gets: the use cases' deps (for the use cases only: listeners call use cases, never the ports), Slack, and the bot's bookkeeping. */
export interface ListenerContext {
  readonly deps: ListenerDeps;
  readonly talk: ChannelTalk;
  /** Slack's client for calls that belong to no channel (`views.open`). */
  readonly client: webApi.WebClient;
  /** Duplicate deliveries of one command or click, judged before anything is done. */
  readonly deliveries: DeliveryDedupe;
  /** Which of `candidates` (user group ids) the user belongs to. */
  groupsOf(userId: string, candidates: readonly string[]): Promise<string[]>;
  /** Display names by user id (`users.info`, cached); a user whose name cannot be read is left out. */
  namesOf(userIds: readonly string[]): Promise<Readonly<Record<string, string>>>;
  /** Work that outlives the listener (a rollout): tracked for `SlackBot.idle`, its progress delivered before it counts as done. */
  background(work: Promise<unknown>, rolloutId: string): void;
  /** The App Home tab (published on `app_home_opened` and as rollouts progress). */
  readonly home: HomeTab;
}

/** The text a button that is not one of this bot's gets. */
export const NOT_OURS = 'This button is not one of this bot’s: nothing was done';

/** What a repeated delivery (the same command or click twice within seconds, or Slack delivering it again) is told, once. */
export const ALREADY_RECEIVED = 'Already received: it came twice, and is done once';
