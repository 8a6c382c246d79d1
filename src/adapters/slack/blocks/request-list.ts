import type { ListedRequest } from '../../../app/requests/list-requests.ts';
import { cutLine } from './cut-text.ts';
import { nodeLine } from './status-board.ts';
import { formatDuration } from './format-duration.ts';
import { code, escapeMrkdwn, mention } from './mrkdwn.ts';
import { slackTime } from './slack-time.ts';
import { TEXT_MAX, type Block, type SlackMessage } from './slack-message.ts';
import { lookText, type NodeLook } from '../../../app/requests/look-at-nodes.ts';
import { rolloutControls } from './rollout-controls.ts';
import { verbatimSection } from './block-kit.ts';
import { slackLine } from '../render-text.ts';

const STATUS_LABEL: Readonly<Record<string, string>> = {
  'awaiting-confirmation': '❓ awaiting an answer',
  'awaiting-approval': '⏳ awaiting approval',
  approved: '✅ approved',
  running: '🔄 running',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  rejected: '🚫 rejected',
  expired: '⌛ expired',
  superseded: '↪️ superseded',
  paused: '⏸️ paused',
  interrupted: '⚠️ held after a restart',
  'rolled-back': '↩️ rolled back',
  'left-as-is': '🏳️ left as it is',
};

const lookLine = (look: NodeLook): string => {
  const emoji = !look.reachable ? '❔' : !look.running ? '⛔' : look.healthy ? '✅' : '⚠️';
  return `${emoji} ${escapeMrkdwn(cutLine(lookText(look), 400))}`;
};

/** `/liferay status` (the nodes as they are now, then what is open, running or held, with its controls) and `/liferay history`. */
export function requestList(kind: 'status' | 'history', cluster: string | undefined, items: readonly ListedRequest[], looks: readonly { cluster: string; nodes: readonly NodeLook[] }[] = []): SlackMessage {
  const title = `${kind === 'status' ? 'Open and running requests' : 'Latest requests'}${cluster === undefined ? '' : ` on ${cluster}`}`;
  const nodeBlocks = looks.map(({ cluster: name, nodes }) => verbatimSection(`*Nodes of ${escapeMrkdwn(name)} now*\n${nodes.map(lookLine).join('\n')}`));
  if (items.length === 0) {
    const text = `${title}: none`;
    return { text: escapeMrkdwn(text), blocks: [...nodeBlocks, verbatimSection(`*${escapeMrkdwn(title)}*: none`)] };
  }
  const lines = items.map(({ record, state, actions, durationMs }) => {
    const who = `asked by ${mention(record.requestedBy)}${record.decidedBy === undefined ? '' : `, ${record.status === 'rejected' ? 'rejected' : 'approved'} by ${mention(record.decidedBy)}`}`;
    const head = `${escapeMrkdwn(STATUS_LABEL[record.status] ?? record.status)} ${code(record.requestText, 1000)} (${slackTime(record.requestedAt, 'date')}, ${who})`;
    const took = durationMs === undefined ? '' : ` · ${formatDuration(durationMs)}`;
    const nodes = kind === 'status' && state !== undefined ? Object.entries(state.nodes).map(([n, s]) => `    ${nodeLine(n, s)}`) : [];
    const note = record.outcomeNote ?? record.decisionNote;
    const noteLine = note === undefined || record.status === 'awaiting-approval' ? [] : [`    _${slackLine(typeof note === 'string' ? [note] : note, 300)}_`];
    const done = actions.filter((a) => !['requested', 'approved'].includes(a.action)).slice(-5);
    const actionLines = kind === 'history' && done.length > 0 ? [`    ${done.map((a) => `${escapeMrkdwn(a.action)} by ${a.actor === 'bot' ? 'the bot' : mention(a.actor)} ${slackTime(a.at, 'date')}`).join(' · ')}`] : [];
    return [`${head}${took}`, ...nodes, ...noteLine, ...actionLines].join('\n');
  });
  const controls = kind === 'status' ? items.flatMap(({ record, state }) => (state === undefined ? [] : rolloutControls(record.id, state))) : [];
  const blocks: Block[] = [
    { type: 'header' as const, text: { type: 'plain_text' as const, text: cutLine(title, 150) } },
    ...nodeBlocks.slice(0, 5),
    ...lines.slice(0, 30).map((l) => verbatimSection(cutLine(l, 2900))),
    ...controls.slice(0, 10),
  ];
  return { text: cutLine(escapeMrkdwn(`${title}: ${items.length}`), TEXT_MAX), blocks };
}
