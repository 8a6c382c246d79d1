import { resolve } from 'node:path';
import type { RolloutStore } from '../../app/ports.ts';
import type { CliIo } from './cli-io.ts';
import type { CliPorts } from './cli-ports.ts';
import { messageOf } from '../../domain/message-of.ts';

/** The bot's store at `db` (relative to the working directory), or undefined after saying in one line why not. */
export function openCliStore(command: string, db: string, io: CliIo, ports: Pick<CliPorts, 'openStore'>): RolloutStore | undefined {
  try {
    return ports.openStore(resolve(io.cwd, db));
  } catch (e) {
    io.stderr(`liferay-rollout ${command}: ${messageOf(e)}\n`);
    return undefined;
  }
}
