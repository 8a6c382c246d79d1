import type { KeyDiff, SettingChange, SettingDiff } from '../../../domain/liferay/setting-diff.ts';
import { code, escapeMrkdwn } from './mrkdwn.ts';

const VALUE_MAX = 200;
const NODES_SHOWN = 10;

/** A value as inline code (empty: `(empty)`); masked values are the mask already. */
const value = (text: string): string => (text === '' ? '_(empty)_' : code(text, VALUE_MAX));

/** `` `30` → `45` ``, `added `45``, `removed (was `30`)`, `unchanged `45`: a no-op`. */
function changeText(change: SettingChange): string {
  switch (change.kind) {
    case 'changed':
      return `${value(change.from)} → ${value(change.to)}`;
    case 'added':
      return `added ${value(change.to)}`;
    case 'removed':
      return `removed (was ${value(change.from)})`;
    case 'unchanged':
      return change.value === undefined ? 'unchanged: not set, a no-op' : `unchanged ${value(change.value)}: a no-op`;
  }
}

const nodeNames = (nodes: readonly string[]): string => {
  const shown = nodes.slice(0, NODES_SHOWN).map(escapeMrkdwn).join(', ');
  return nodes.length > NODES_SHOWN ? `${shown} and ${nodes.length - NODES_SHOWN} more` : shown;
};

function keyLine(key: KeyDiff): string {
  const name = `${code(key.key, 200)}${key.masked ? ' 🔒' : ''}`;
  const [only, ...more] = key.byNodes;
  if (only === undefined) return `• ${name}: ${key.to === undefined ? 'unset' : `set to ${value(key.to)}`}`;
  if (more.length === 0) return `• ${name}: ${changeText(only.change)}`;
  return `• ${name}: the nodes differ: ${key.byNodes.map((g) => `${nodeNames(g.nodes)}: ${changeText(g.change)}`).join('; ')}`;
}

/** The heading: the file, and which nodes' values the lines are against. */
function heading(diff: SettingDiff): string {
  const file = code(diff.file, 300);
  const read = [...new Set(diff.keys.flatMap((k) => k.byNodes.flatMap((g) => g.nodes)))];
  if (read.length === 0) return `*Changes* to ${file} (the nodes' current values were not read)`;
  const unread = diff.unread.length === 0 ? '' : `; not read on ${nodeNames(diff.unread)}`;
  return `*Changes* to ${file}, against the current values on ${nodeNames(read)}${unread}`;
}

/**
 * The lines of the verdict message's "Changes" section, escaped (keys and values as inline code,
 * values masked where the key names a secret, marked 🔒): the heading, then one line per key.
 */
export function settingDiffLines(diff: SettingDiff): string[] {
  return [heading(diff), ...diff.keys.map(keyLine)];
}
