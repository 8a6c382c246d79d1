import type { ProgressNotifier } from '../../app/ports.ts';
import type { CliIo } from './cli-io.ts';
import { formatEvent } from './format-event.ts';

/** Progress on the terminal: every event printed as it happens. */
export function terminalNotifier(io: CliIo): ProgressNotifier {
  return {
    begin: () => undefined,
    publish: (_rolloutId, event) => io.stdout(formatEvent(event)),
    flush: () => Promise.resolve(),
  };
}
