import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listRequests, type ListedRequest } from '../../app/requests/list-requests.ts';
import { nodeStanding } from '../../domain/rollout/where-nodes-stand.ts';
import { openCliStore } from './open-cli-store.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import { goneOwner } from '../../app/requests/gone-owner.ts';
import type { CliEnv } from '../../config/env-config.ts';
import { lookAtNodes, lookText, type NodeLook } from '../../app/requests/look-at-nodes.ts';
import { clusterRuntimesOf } from '../../compose-inventory.ts';
import { formatInventoryError } from '../../config/format-inventory-error.ts';
import { loadInventory } from '../../config/load-inventory.ts';
import type { CliPorts } from './cli-ports.ts';
import { cliText } from './render-text.ts';
import { messageOf } from '../../domain/message-of.ts';

/** What status and history use: the store, and the nodes for status --inventory. */
export type StatusPorts = Pick<CliPorts, 'openStore' | 'executor' | 'healthProbe' | 'ownerIsGone' | 'clock'>;

export const STATUS_USAGE = `usage: liferay-rollout status|history [--db FILE] [--inventory FILE] [--json] [cluster]
  status:  open, running and held rollouts (with every node's state); history: the latest ones with
  outcome, requester, approver, start, duration and the actions taken on them. From the bot's store
  (--db, or DATABASE). With --inventory (or INVENTORY), status first looks at every node now over SSH.
  --json prints one object: {"kind", "cluster", "nodes": {cluster: [...]}, "rollouts": [...]}.
`;

const time = (iso: string | undefined): string => (iso === undefined ? '' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);
const duration = (ms: number | undefined): string => (ms === undefined ? '' : ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`);

/** How the rollout ended or was decided, as the terminal shows it. */
const noteOf = (record: ListedRequest['record']): string | undefined => (record.outcomeNote === undefined ? record.decisionNote : cliText(record.outcomeNote));

function asJson(item: ListedRequest): object {
  const { record, state, actions, durationMs } = item;
  return {
    id: record.id,
    cluster: record.cluster,
    request: record.requestText,
    status: record.status,
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt,
    approvedBy: record.status === 'rejected' ? null : (record.decidedBy ?? null),
    startedAt: state?.startedAt ?? null,
    finishedAt: state?.finishedAt ?? null,
    durationMs: durationMs ?? null,
    outcome: noteOf(record) ?? null,
    nodes: state === undefined ? {} : Object.fromEntries(Object.entries(state.nodes).map(([n, s]) => [n, { status: s.status, standing: nodeStanding(s), step: s.step ?? null }])),
    actions: actions.map((a) => ({ at: a.at, actor: a.actor, action: a.action, detail: cliText(a.detail) })),
  };
}

/** `liferay-rollout status|history`: what the store knows, for the terminal or as JSON. */
export async function statusCommand(kind: 'status' | 'history', argv: readonly string[], io: CliIo, ports: StatusPorts, env: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { db: { type: 'string' }, inventory: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`liferay-rollout ${kind}: ${messageOf(e)}\n${STATUS_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout(STATUS_USAGE);
    return EXIT.ok;
  }
  const db = parsed.values.db ?? env.DATABASE;
  if (db === undefined) {
    io.stderr(`liferay-rollout ${kind}: --db FILE (or DATABASE) is required\n${STATUS_USAGE}`);
    return EXIT.usage;
  }
  const store = openCliStore(kind, db, io, ports);
  if (store === undefined) return EXIT.usage;
  try {
    const cluster = parsed.positionals[0];
    const items = listRequests(kind, cluster, store);
    const inventoryPath = parsed.values.inventory ?? env.INVENTORY;
    const looks: Record<string, NodeLook[]> = {};
    if (kind === 'status' && inventoryPath !== undefined) {
      const inventory = loadInventory(resolve(io.cwd, inventoryPath));
      if (!inventory.ok) {
        io.stderr(`liferay-rollout ${kind}: ${formatInventoryError(inventory.error)}\n`);
        return EXIT.usage;
      }
      const deps = { clusters: clusterRuntimesOf(inventory.value), executor: ports.executor, healthProbe: ports.healthProbe };
      for (const name of cluster === undefined ? [...deps.clusters.keys()] : [cluster]) looks[name] = await lookAtNodes(name, deps);
    }
    if (parsed.values.json) {
      io.stdout(`${JSON.stringify({ kind, cluster: cluster ?? null, nodes: looks, rollouts: items.map(asJson) })}\n`);
      return EXIT.ok;
    }
    for (const [name, nodes] of Object.entries(looks)) {
      io.stdout(`Nodes of ${name} now:\n${nodes.map((n) => `  ${lookText(n)}\n`).join('')}`);
    }
    io.stdout(`${kind === 'status' ? 'Open, running and held' : 'Latest'}${cluster === undefined ? '' : ` on ${cluster}`}: ${items.length === 0 ? 'none' : ''}\n`);
    for (const { record, state, actions, durationMs } of items) {
      const who = `asked by ${record.requestedBy}${record.decidedBy === undefined ? '' : `, ${record.status === 'rejected' ? 'rejected' : 'approved'} by ${record.decidedBy}`}`;
      const took = durationMs === undefined ? '' : `, ${state?.startedAt === undefined ? '' : `started ${time(state.startedAt)}, `}took ${duration(durationMs)}`;
      io.stdout(`  ${record.status.padEnd(21)} ${record.requestText}  (${time(record.requestedAt)}, ${who}${took}) [${record.id}]\n`);
      if (state !== undefined && kind === 'status') {
        for (const [node, s] of Object.entries(state.nodes)) io.stdout(`      ${node}: ${nodeStanding(s)}${s.step === undefined ? '' : ` (${s.step})`}\n`);
      }
      const gone = kind === 'status' ? goneOwner(record, { store, ownership: { runs: new Map(), ownerIsGone: ports.ownerIsGone } }, ports.clock.now().getTime()) : undefined;
      if (gone !== undefined) io.stdout(`      its run (${gone.owner}) is gone: go on with liferay-rollout resume|retry|rollback|leave ${record.id}\n`);
      const note = noteOf(record);
      if (note !== undefined && record.status !== 'awaiting-approval') io.stdout(`      ${note}\n`);
      if (kind === 'history') {
        for (const a of actions.filter((x) => !['requested', 'approved'].includes(x.action))) io.stdout(`      ${time(a.at)} ${a.actor}: ${a.action}${a.detail.length === 0 ? '' : ` (${cliText(a.detail)})`}\n`);
      }
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}
