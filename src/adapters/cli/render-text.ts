import { renderText, utcTime, type RichText } from '../../domain/text/rich-text.ts';
import { parseCommand } from '../../domain/request/parse-command.ts';
import { tokenize } from '../../domain/request/tokenize.ts';
import { requestUsage } from '../../domain/request/usage.ts';
import { shellQuote } from '../../domain/shell/shell-command.ts';

export const PROGRAM = 'liferay-rollout';

/** The grammar's words that are commands of their own on the command line (`liferay-rollout status prod`); the rest are requests. */
const OWN_COMMANDS = new Set(['help', 'status', 'history']);

/**
 * A command's words as a shell takes them: a real command or request (one that parses) word by
 * word, each quoted for the shell where it needs it (`'company.default.name=Smith & Co'`), so the
 * line can be pasted; anything else (`status [cluster]`, a placeholder) as it is.
 */
function shellWords(words: string): string {
  const tokens = tokenize(words);
  if (!tokens.ok || !parseCommand(words).ok) return words;
  return tokens.value.map(shellQuote).join(' ');
}

/**
 * A command part as a terminal user types it: `liferay-rollout status [cluster]` for help, status and
 * history, else the request after `liferay-rollout run --` (the `--` keeps `--dry-run`,
 * `--schema` and `jvm set -X…` the request's words).
 */
function cliCommand(text: string): string {
  const words = shellWords(text);
  const first = words.split(' ')[0] ?? '';
  if (OWN_COMMANDS.has(first)) return `${PROGRAM} ${words}`;
  return words === '' ? `${PROGRAM} run` : `${PROGRAM} run -- ${words}`;
}

/** A channel-neutral text for the terminal: people, groups and channels by their plain names, commands as `liferay-rollout …`. */
export function cliText(value: RichText): string {
  return renderText(value, { plain: (s) => s, user: (id) => id, group: (id) => id, channel: (id) => `#${id}`, command: cliCommand, time: utcTime });
}

/** The request grammar as the CLI shows it, after a request that did not parse. */
export const CLI_REQUEST_USAGE = requestUsage(`${PROGRAM} check|plan|run [options] --`);
