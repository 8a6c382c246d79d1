import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import { parseRequest } from '../../domain/request/parse-request.ts';
import { quoteWord } from '../../domain/request/quote-word.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { CLI_REQUEST_USAGE } from './render-text.ts';
import { messageOf } from '../../domain/message-of.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>['values'];

/**
 * A subcommand's options and the request after `--`. Bad options, `--help` and a request that does
 * not parse are answered here (usage on stdout, or one line plus the usage on stderr); the caller
 * gets the exit code to return instead of values.
 */
export function parseCommandLine<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
  usage: string,
  io: CliIo,
): { readonly values: Values<T>; readonly request: MaintenanceRequest } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`liferay-rollout ${command}: ${messageOf(e)}\n${usage}`);
    return EXIT.usage;
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    io.stdout(usage);
    return EXIT.ok;
  }
  // The shell already split the words: each is one word of the request, quoted for the grammar where it holds spaces or quotes.
  const request = parseRequest(parsed.positionals.map(quoteWord).join(' '));
  if (!request.ok) {
    io.stderr(`liferay-rollout ${command}: ${request.error.reason}\n\n${CLI_REQUEST_USAGE}\n`);
    return EXIT.usage;
  }
  return { values: parsed.values, request: request.value };
}
