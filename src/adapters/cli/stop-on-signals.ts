import type { ShutdownRequest } from '../../app/run-ownership.ts';
import type { CliIo } from './cli-io.ts';
import type { CliPorts } from './cli-ports.ts';

/**
 * Ctrl-C (SIGINT) or SIGTERM while a run goes on: the first pauses it once the node in progress is
 * back up, a second aborts (the node in progress is still brought back up). Returns the remover.
 */
export function stopOnSignals(shutdown: ShutdownRequest, io: CliIo, ports: Pick<CliPorts, 'signals' | 'actor'>): () => void {
  let count = 0;
  return ports.signals((signal) => {
    count += 1;
    shutdown.requested = true;
    shutdown.as = { cause: count === 1 ? 'pause' : 'abort', by: `${ports.actor} (${signal})` };
    io.stderr(
      count === 1
        ? `\n${signal}: pausing once the node in progress is back up (again to abort: the node in progress is still brought back up first)\n`
        : `\n${signal}: aborting after the current step; the node in progress is brought back up first\n`,
    );
  });
}
