import { resolve } from 'node:path';
import type { RolloutStore } from '../../app/ports.ts';
import { openSqliteRolloutStore } from '../store/sqlite-rollout-store.ts';
import type { CliIo } from './cli-io.ts';

/** The bot's store at `db` (relative to the working directory), or undefined after saying in one line why not. */
export function openCliStore(command: string, db: string, io: CliIo): RolloutStore | undefined {
  try {
    return openSqliteRolloutStore(resolve(io.cwd, db));
  } catch (e) {
    io.stderr(`liferay-rollout ${command}: ${(e as Error).message}\n`);
    return undefined;
  }
}
