import { ok, type Result } from '../result.ts';
import type { Command } from './command.ts';
import type { ParseError } from './parse-error.ts';
import { parseChange } from './parse-change.ts';
import { parseClusterName } from './parse-cluster-name.ts';
import { parseFailure } from './parse-failure.ts';
import { quoteToken } from './quote-token.ts';
import { tokenize } from './tokenize.ts';
import { messageOf } from '../message-of.ts';

/**
 * Parse `/liferay <text>` (or the CLI's request words): `help`, `status [cluster]`,
 * `history [cluster]` or a change request (see `requestUsage`). Never throws; every failure carries a
 * one-line reason naming the offending word (the channel shows its usage). Empty (or blank) text is `help`: this is
 * the one place that decides it.
 */
export function parseCommand(text: string): Result<Command, ParseError> {
  try {
    const tokens = tokenize(text);
    if (!tokens.ok) return parseFailure(tokens.error);
    const [first, second, third] = tokens.value;
    if (first === undefined) return ok({ type: 'help' });
    const word = first.toLowerCase();
    if (word === 'help') {
      return second === undefined ? ok({ type: 'help' }) : parseFailure(`unexpected ${quoteToken(second)} after help`);
    }
    if (word === 'status' || word === 'history') {
      if (second === undefined) return ok({ type: word });
      if (third !== undefined) return parseFailure(`unexpected ${quoteToken(third)} after "${word} ${second}" (expected ${word} [cluster])`);
      const cluster = parseClusterName(second);
      return cluster.ok ? ok({ type: word, cluster: cluster.value }) : parseFailure(cluster.error);
    }
    const request = parseChange(tokens.value);
    return request.ok ? ok({ type: 'change', request: request.value }) : parseFailure(request.error);
  } catch (error) {
    // A bug, not an expected outcome; still never a stack trace for the user.
    return parseFailure(`internal parser error: ${messageOf(error)}`);
  }
}
