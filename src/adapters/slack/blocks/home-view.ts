import type { types } from '@slack/bolt';
import type { HomeCluster, HomeOverview } from '../../../app/requests/home-overview.ts';
import { lookText } from '../../../app/requests/look-at-nodes.ts';
import type { RolloutRecord, RolloutStatus } from '../../../app/rollout-record.ts';
import { initialRolloutState } from '../../../domain/rollout/rollout-state.ts';
import { channel } from '../../../domain/text/rich-text.ts';
import { slackText } from '../render-text.ts';
import { context, divider, header, packLines } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { code, escapeMrkdwn, mention } from './mrkdwn.ts';
import { rolloutControls } from './rollout-controls.ts';
import { slackTime } from './slack-time.ts';
import type { Block } from './slack-message.ts';

export type HomeTabView = types.HomeView;

/** A Home tab holds at most 100 blocks: clusters past this many are counted, not shown. */
const MAX_CLUSTERS = 15;
const LINE_MAX = 300;

const STATUS_MARK: Readonly<Partial<Record<RolloutStatus, string>>> = {
  approved: '⏳',
  running: '🔄',
  succeeded: '✅',
  failed: '❌',
  paused: '⏸️',
  interrupted: '⚠️',
  'rolled-back': '↩️',
  'left-as-is': '⏹️',
};

/** A section whose text holds user words: Slack must not turn them into links or mentions. */
const verbatim = (mrkdwn: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: cutLine(mrkdwn, 3000), verbatim: true } });

const channelMention = (id: string): string => slackText([channel(id)]);

/** The request's message as a link (`https://slack.com/archives/C…/p…`, which Slack opens in the app), when it has one. */
export function messageLink(record: Pick<RolloutRecord, 'channelId' | 'messageTs'>): string | undefined {
  const { channelId, messageTs } = record;
  if (channelId === undefined || messageTs === undefined || !/^[A-Z0-9]{2,40}$/.test(channelId) || !/^\d{1,20}\.\d{1,10}$/.test(messageTs)) return undefined;
  return `https://slack.com/archives/${channelId}/p${messageTs.replace('.', '')}`;
}

function roleLine(cluster: HomeCluster): string {
  const asks = cluster.requestChannels.length === 0 ? 'takes no requests in any channel' : `requests in ${cluster.requestChannels.slice(0, 5).map(channelMention).join(', ')}`;
  return `*${escapeMrkdwn(cluster.name)}* · ${cluster.approves ? 'you approve' : 'you may request'} · ${asks}`;
}

function nodeLines(cluster: HomeCluster): string[] {
  const { look } = cluster;
  if (look === undefined) return ['_Looking at the nodes now…_'];
  if ('failed' in look) return [`❔ The nodes could not be looked at (${slackTime(look.at, 'time')}): ${escapeMrkdwn(look.failed)}`];
  const lines = look.nodes.map((n) => cutLine(`${!n.reachable ? '❔' : n.running && n.healthy ? '✅' : '⚠️'} ${escapeMrkdwn(lookText(n))}`, LINE_MAX));
  return [...lines, `_Nodes as looked at ${slackTime(look.at, 'seconds')}_`];
}

function activeBlocks(cluster: HomeCluster): Block[] {
  const active = cluster.active;
  if (active === undefined) return [context('No rollout holds this cluster.')];
  const { record } = active;
  const link = messageLink(record);
  const by = record.decidedBy === undefined ? '' : ` · approved by ${mention(record.decidedBy)}`;
  const line = `${STATUS_MARK[record.status] ?? '•'} *${escapeMrkdwn(record.status)}*: ${code(`/liferay ${record.requestText}`, 400)} · asked by ${mention(record.requestedBy)}${by}${link === undefined ? '' : ` · <${link}|its message>`}`;
  const state = active.state ?? initialRolloutState(record.plan?.nodes ?? []);
  const controls = cluster.approves ? rolloutControls(record.id, state) : [];
  return [verbatim(line), ...controls];
}

function recentLine(record: RolloutRecord): string {
  const link = messageLink(record);
  const what = code(`/liferay ${record.requestText}`, 300);
  return cutLine(`${STATUS_MARK[record.status] ?? '•'} ${slackTime(record.updatedAt, 'date')} · ${escapeMrkdwn(record.status)} · ${what} · by ${mention(record.requestedBy)}${link === undefined ? '' : ` · <${link}|message>`}`, LINE_MAX + 200);
}

/** The bot's App Home for one person (the overview is theirs): their clusters, each node's last look, the active rollout (link and controls), the last five rollouts. */
export function homeView(input: { readonly overview: HomeOverview; readonly now: Date }): HomeTabView {
  const { overview, now } = input;
  const blocks: Block[] = [
    header('Liferay Rollout'),
    verbatim(`Ask for a change with ${code('/liferay')} in a cluster's channel (with no text it opens a form) or the shortcut *New maintenance request*.`),
    context(`Updated ${slackTime(now, 'seconds')} · refreshed as rollouts progress`),
  ];
  if (overview.clusters.length === 0) blocks.push(verbatim('No cluster takes requests or names you as an approver.'));
  for (const cluster of overview.clusters.slice(0, MAX_CLUSTERS)) {
    blocks.push(divider(), verbatim(roleLine(cluster)));
    const nodes = packLines(nodeLines(cluster), 1, (k) => `… and ${k} more nodes`, 3000);
    blocks.push(...nodes.slice(0, 1).map(verbatim), ...activeBlocks(cluster));
  }
  if (overview.clusters.length > MAX_CLUSTERS) blocks.push(context(`… and ${overview.clusters.length - MAX_CLUSTERS} more clusters: ${code('/liferay status')} lists them all`));
  blocks.push(divider(), verbatim('*Last rollouts*'));
  blocks.push(verbatim(overview.recent.length === 0 ? '_None yet._' : overview.recent.map(recentLine).join('\n')));
  return { type: 'home', blocks };
}
