import { ok, type Result } from '../result.ts';
import type { MaintenanceRequest } from './maintenance-request.ts';
import type { ParseError } from './parse-error.ts';
import { parseCommand } from './parse-command.ts';
import { parseFailure } from './parse-failure.ts';
import { tokenize } from './tokenize.ts';

/**
 * Parse a change request only (the CLI's `check|plan|run -- <request>`): `help`, `status` and
 * `history` are refused with a reason saying to use them as commands of their own; no words at all
 * (which `parseCommand` reads as help) is an empty request.
 */
export function parseRequest(text: string): Result<MaintenanceRequest, ParseError> {
  const tokens = tokenize(text);
  if (tokens.ok && tokens.value.length === 0) return parseFailure('empty request');
  const command = parseCommand(text);
  if (!command.ok) return command;
  const parsed = command.value;
  if (parsed.type === 'change') return ok(parsed.request);
  const form = parsed.type === 'help' ? 'help' : `${parsed.type} [cluster]`;
  return parseFailure(`"${parsed.type}" is a command, not a maintenance request: use it on its own (${form})`);
}
