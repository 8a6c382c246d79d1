import { listRequests } from '../../app/requests/list-requests.ts';
import { parseArgs } from 'node:util';
import { openSqliteRolloutStore } from '../store/sqlite-rollout-store.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { resolve } from 'node:path';

export const STATUS_USAGE = `usage: liferay-rollout status [--db FILE] [cluster]
  Open and running requests, then the latest ones, from the bot's store (--db, or DATABASE).
`;

const time = (iso: string | undefined): string => (iso === undefined ? '' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

/** `liferay-rollout status`: what the store knows, for the terminal. */
export function statusCommand(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`liferay-rollout status: ${(e as Error).message}\n${STATUS_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout(STATUS_USAGE);
    return EXIT.ok;
  }
  const db = parsed.values.db ?? (io.env['DATABASE'] || undefined);
  if (db === undefined) {
    io.stderr(`liferay-rollout status: --db FILE (or DATABASE) is required\n${STATUS_USAGE}`);
    return EXIT.usage;
  }
  let store;
  try {
    store = openSqliteRolloutStore(resolve(io.cwd, db));
  } catch (e) {
    io.stderr(`liferay-rollout status: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const cluster = parsed.positionals[0];
    for (const kind of ['status', 'history'] as const) {
      const items = listRequests(kind, cluster, store);
      io.stdout(`${kind === 'status' ? 'Open and running' : 'Latest'}${cluster === undefined ? '' : ` on ${cluster}`}: ${items.length === 0 ? 'none' : ''}\n`);
      for (const { record, state } of items) {
        const who = `asked by ${record.requestedBy}${record.decidedBy === undefined ? '' : `, ${record.status === 'rejected' ? 'rejected' : 'approved'} by ${record.decidedBy}`}`;
        io.stdout(`  ${record.status.padEnd(21)} ${record.requestText}  (${time(record.requestedAt)}, ${who}) [${record.id}]\n`);
        if (state !== undefined && record.status === 'running') {
          for (const [node, s] of Object.entries(state.nodes)) io.stdout(`      ${node}: ${s.status}${s.step === undefined ? '' : ` (${s.step})`}\n`);
        }
        if (record.decisionNote !== undefined && record.status !== 'awaiting-approval') io.stdout(`      ${record.decisionNote}\n`);
      }
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}
