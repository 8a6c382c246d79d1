import type { KeyDiff, SettingChange, SettingDiff } from '../../domain/liferay/setting-diff.ts';

/** A value for the terminal: quoted (so an empty value or a trailing space shows), or the mask as it is. */
const shown = (value: string, masked: boolean): string => (masked ? value : JSON.stringify(value));

/** `"30" → "45"`, `added "45"`, `removed (was "30")`, `unchanged "45" (a no-op)`. */
export function changeText(change: SettingChange, masked: boolean): string {
  switch (change.kind) {
    case 'changed':
      return `${shown(change.from, masked)} → ${shown(change.to, masked)}`;
    case 'added':
      return `added ${shown(change.to, masked)}`;
    case 'removed':
      return `removed (was ${shown(change.from, masked)})`;
    case 'unchanged':
      return change.value === undefined ? 'unchanged: not set (a no-op)' : `unchanged ${shown(change.value, masked)} (a no-op)`;
  }
}

function keyLines(key: KeyDiff): string[] {
  const masked = key.masked ? ' (masked)' : '';
  const [only, ...more] = key.byNodes;
  if (only === undefined) return [`  ${key.key}: ${key.to === undefined ? 'unset' : `set to ${shown(key.to, key.masked)}`}${masked}`];
  if (more.length === 0) return [`  ${key.key}: ${changeText(only.change, key.masked)}${masked}`];
  return [`  ${key.key}: the nodes differ${masked}`, ...key.byNodes.map((g) => `    ${g.nodes.join(', ')}: ${changeText(g.change, key.masked)}`)];
}

/** Where the current values came from: every node, some, or none. */
function readOn(diff: SettingDiff): string {
  const read = [...new Set(diff.keys.flatMap((k) => k.byNodes.flatMap((g) => g.nodes)))];
  if (read.length === 0) return 'current values not read from the nodes';
  if (diff.unread.length === 0) return `against the current values on ${read.join(', ')}`;
  return `against the current values on ${read.join(', ')}; not read on ${diff.unread.join(', ')}`;
}

/** The change of a property or config request, key by key, for the terminal (values masked where the key names a secret). */
export function formatSettingDiff(diff: SettingDiff): string[] {
  return [`Changes to ${diff.file} (${readOn(diff)}):`, ...diff.keys.flatMap(keyLines)];
}
